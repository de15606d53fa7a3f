package org.framegrid.inference.tensorrt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

/**
 * TensorRT on a real device: BlazeFace's engine is built once into the cache, read back on the next load, and gives
 * ONNX Runtime's CPU outputs within TF32 rounding; its runInto throughput is printed. Skipped, with
 * the probe's reason, where TensorRT 11, CUDA 13 or a device is missing.
 */
@Tag("gpu")
class TensorRtBackendTest {

    @TempDir
    static Path cache;

    private static TensorRtBackend backend;

    @BeforeEach
    void device() {
        Fixtures.assumeDevice();
        if (backend == null) {
            backend = new TensorRtBackend(null, Fixtures.config(0, cache.toString()));
        }
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.deactivate();
        }
    }

    @Test
    void blazeFaceBuildsOneEngineAndMatchesOnnxRuntime() throws Exception {
        var model = Fixtures.model("blazeface-front");
        ModelDescriptor descriptor = model.descriptor();
        Tensor input = org.framegrid.testing.Fixtures.gradient(descriptor, 128);
        long t0 = System.nanoTime();
        try (LoadedModel first = backend.load(Fixtures.direct(model.bytes()), descriptor, InferenceOptions.DEFAULT)) {
            long built = (System.nanoTime() - t0) / 1_000_000;
            List<Path> engines = engines();
            assertEquals(1, engines.size(), engines.toString());
            long t1 = System.nanoTime();
            try (LoadedModel second = backend.load(Fixtures.direct(model.bytes()), descriptor,
                    InferenceOptions.DEFAULT)) {
                long cached = (System.nanoTime() - t1) / 1_000_000;
                assertEquals(engines, engines(), "the second load reads the cached engine");
                System.out.printf("[tensorrt] blazeface-front: %d ms building the engine, %d ms from the cache%n",
                        built, cached);
                Map<String, Tensor> out = second.run(Map.of(descriptor.input().name(), input), List.of());
                assertArrayEquals(new long[] {1, 512, 1}, out.get("Identity:0").shape());
                try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                        OrtSession cpu = OrtEnvironment.getEnvironment().createSession(model.bytes(), options);
                        OnnxTensor x = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), input.floats(),
                                input.shape());
                        OrtSession.Result expected = cpu.run(Map.of(descriptor.input().name(), x))) {
                    for (String name : descriptor.outputNames()) {
                        FloatBuffer want = ((OnnxTensor) expected.get(name).orElseThrow()).getFloatBuffer();
                        FloatBuffer got = out.get(name).floats();
                        float worst = 0;
                        for (int i = 0; i < want.remaining(); i++) {
                            worst = Math.max(worst, Math.abs(got.get(i) - want.get(i)) / Math.max(1f, Math.abs(want.get(i))));
                        }
                        assertTrue(worst <= 0.02f, name + ": worst relative difference " + worst);
                    }
                }
                throughput(second, input, descriptor);
            }
        }
    }

    /** runInto through the backend (host-to-device copy, enqueue, device-to-host copy, stream sync), printed. */
    private static void throughput(LoadedModel model, Tensor input, ModelDescriptor descriptor) throws Exception {
        Map<String, Tensor> in = Map.of(descriptor.input().name(), input);
        Map<String, Tensor> out = org.framegrid.testing.Fixtures.outputs(model);
        int frames = 1000;
        for (int i = 0; i < 100; i++) {
            model.runInto(in, out);
        }
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            model.runInto(in, out);
        }
        double fps = frames * 1e9 / (System.nanoTime() - start);
        System.out.printf("tensorrt blazeface-front 128x128: runInto %.0f fps (%.3f ms, host copies included)%n", fps,
                1e3 / fps);
    }

    private static List<Path> engines() throws Exception {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(file -> file.toString().endsWith(".engine")).sorted().toList();
        }
    }
}
