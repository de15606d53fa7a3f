package org.framegrid.inference.onnx.gpu.internal;

import java.util.HashMap;
import java.util.Map;

import org.framegrid.inference.api.Tensor;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * ONNX Runtime used directly, as a program without Framegrid would: one session, input tensors created once over the
 * same buffers, {@code session.run} in a loop. The reference the backend is measured and checked against.
 */
final class RawSession implements AutoCloseable {

    private final OrtSession session;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();

    /** @param options session options, closed by the caller after this returns */
    RawSession(byte[] model, OrtSession.SessionOptions options, Map<String, Tensor> in) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        session = env.createSession(model, options);
        for (Map.Entry<String, Tensor> entry : in.entrySet()) {
            Tensor tensor = entry.getValue();
            inputs.put(entry.getKey(), OnnxTensor.createTensor(env, tensor.floats(), tensor.shape()));
        }
    }

    /** Runs once and drops the outputs. */
    void run() throws OrtException {
        try (OrtSession.Result ignored = session.run(inputs)) {
            // outputs are freed by close
        }
    }

    /** Runs once and returns output {@code name} as floats. */
    float[] output(String name) throws OrtException {
        try (OrtSession.Result result = session.run(inputs)) {
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
