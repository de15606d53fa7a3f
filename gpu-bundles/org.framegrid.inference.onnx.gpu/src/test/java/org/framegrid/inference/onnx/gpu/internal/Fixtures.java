package org.framegrid.inference.onnx.gpu.internal;

import java.nio.ByteBuffer;
import java.util.Map;

import org.framegrid.inference.gpu.DeviceProbe;
import org.framegrid.testing.Configs;
import org.framegrid.testing.Fixtures.MemoryModel;
import org.junit.jupiter.api.Assumptions;

/** The device check, model bundles (read by the model stages' shared test support) and the configuration. */
final class Fixtures {

    /** Probed once per test JVM: the answer does not change, and a failing probe may print ORT's own error. */
    private static DeviceProbe.Result device;

    private Fixtures() {
    }

    /** Skips the calling test, with the probe's reason, on a machine where the CUDA EP cannot run. */
    static synchronized DeviceProbe.Result device() {
        if (device == null) {
            device = CudaProbe.probe(0);
        }
        return device;
    }

    static void assumeDevice() {
        DeviceProbe.Result device = device();
        Assumptions.assumeTrue(device.present(), "GPU test skipped: no CUDA device (" + device.detail() + ")");
    }

    /** The model bundle of {@code name} on the test class path, read the way the extender reads it. */
    static MemoryModel model(String name) throws Exception {
        return org.framegrid.testing.Fixtures.bundled(name);
    }

    /** {@code bytes} in a direct buffer, as the model extender hands models to a backend. */
    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** The backend's configuration with {@code device}. */
    static GpuOnnxBackend.Config config(int device) {
        return Configs.of(GpuOnnxBackend.Config.class, Map.of("device_id", device));
    }
}
