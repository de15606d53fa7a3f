package org.framegrid.inference.tensorrt.internal;

import java.nio.ByteBuffer;
import java.util.Map;

import org.framegrid.testing.Configs;
import org.framegrid.testing.Fixtures.MemoryModel;
import org.framegrid.inference.gpu.DeviceProbe;
import org.junit.jupiter.api.Assumptions;

/** The device check, model bundles (read by the model stages' shared test support) and the configuration. */
final class Fixtures {

    /** Probed once per test JVM: the answer does not change. */
    private static DeviceProbe.Result device;

    private Fixtures() {
    }

    /** Skips the calling test, with the probe's reason, on a machine where TensorRT cannot run. */
    static synchronized void assumeDevice() {
        if (device == null) {
            device = TensorRtProbe.probe(0);
        }
        Assumptions.assumeTrue(device.present(), "GPU test skipped: no TensorRT device (" + device.detail() + ")");
    }

    /** The model bundle of {@code name} on the test class path, read the way the extender reads it. */
    static MemoryModel model(String name) throws Exception {
        return org.framegrid.testing.Fixtures.bundled(name);
    }

    /** {@code bytes} in a direct buffer, as the model extender hands models to a backend. */
    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** The backend's configuration with {@code device}, engines in {@code cacheDir}, the default side range. */
    static TensorRtBackend.Config config(int device, String cacheDir) {
        return Configs.of(TensorRtBackend.Config.class, Map.of("device_id", device, "cache_dir", cacheDir));
    }
}
