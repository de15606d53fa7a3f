package org.framegrid.models.internal.tflite;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/** Runs a converted model on ONNX Runtime (CPU) for the tests: one float input, all float outputs. */
final class Ort implements AutoCloseable {

    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    final OrtSession session;

    Ort(byte[] onnx, int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = ENV.createSession(onnx, options);
    }

    Ort(byte[] onnx) throws OrtException {
        this(onnx, 1);
    }

    String inputName() {
        return session.getInputNames().iterator().next();
    }

    long[] inputShape() throws OrtException {
        NodeInfo info = session.getInputInfo().values().iterator().next();
        return ((TensorInfo) info.getInfo()).getShape();
    }

    /** Output name to its values, in the model's output order. */
    Map<String, float[]> run(float[] input) throws OrtException {
        Map<String, float[]> outputs = new LinkedHashMap<>();
        try (OnnxTensor tensor = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(input), inputShape());
                OrtSession.Result result = session.run(Map.of(inputName(), tensor))) {
            for (Map.Entry<String, OnnxValue> entry : result) {
                FloatBuffer values = ((OnnxTensor) entry.getValue()).getFloatBuffer();
                float[] copy = new float[values.remaining()];
                values.get(copy);
                outputs.put(entry.getKey(), copy);
            }
        }
        return outputs;
    }

    /** Output shapes as the model declares them. */
    Map<String, long[]> outputShapes() throws OrtException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> entry : session.getOutputInfo().entrySet()) {
            shapes.put(entry.getKey(), ((TensorInfo) entry.getValue().getInfo()).getShape());
        }
        return shapes;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
