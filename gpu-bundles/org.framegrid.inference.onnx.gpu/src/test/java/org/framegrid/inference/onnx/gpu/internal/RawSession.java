package org.framegrid.inference.onnx.gpu.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.framegrid.inference.api.Tensor;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * ONNX Runtime used directly, as a program without Framegrid would: one session, input tensors created once over the
 * same buffers, {@code session.run} in a loop fetching the outputs the stage reads (the model's descriptor names them;
 * ISNet, for one, has side outputs no stage reads). The reference the backend is measured and checked against.
 */
final class RawSession implements AutoCloseable {

    private final OrtSession session;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();
    private final Set<String> outputs;

    /** @param options session options, closed by the caller after this returns */
    RawSession(byte[] model, OrtSession.SessionOptions options, Map<String, Tensor> in, Set<String> outputs)
            throws OrtException {
        this.outputs = Set.copyOf(outputs);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        session = env.createSession(model, options);
        for (Map.Entry<String, Tensor> entry : in.entrySet()) {
            Tensor tensor = entry.getValue();
            inputs.put(entry.getKey(), OnnxTensor.createTensor(env, tensor.floats(), tensor.shape()));
        }
    }

    /** Runs once and drops the outputs. */
    void run() throws OrtException {
        try (OrtSession.Result ignored = session.run(inputs, outputs)) {
            // outputs are freed by close
        }
    }

    /** Runs once and returns output {@code name} as floats. */
    float[] output(String name) throws OrtException {
        try (OrtSession.Result result = session.run(inputs, Set.of(name))) {
            OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow();
            java.nio.FloatBuffer values = tensor.getFloatBuffer();
            float[] copy = new float[values.remaining()];
            values.get(copy);
            return copy;
        }
    }

    @Override
    public void close() throws OrtException {
        for (OnnxTensor tensor : inputs.values()) {
            tensor.close();
        }
        session.close();
    }
}
