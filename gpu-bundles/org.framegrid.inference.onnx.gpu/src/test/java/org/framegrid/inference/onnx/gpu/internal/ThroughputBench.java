package org.framegrid.inference.onnx.gpu.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.testing.SideBySide;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.onnxruntime.OrtSession;

/**
 * The benchmark behind {@code ./framegrid bench inference --backend gpu}: BlazeFace 128x128 and ISNet 320x320 through
 * the GPU backend's {@code runInto} next to a raw ONNX Runtime session loop with the same execution providers, in the
 * same process, alternating frame by frame, so the backend's own cost shows as the ratio; the CPU EP of the same ORT
 * for comparison. Reports, never asserts on time. Skipped with the probe's reason on machines without a device.
 * A benchmark, not a test: its name keeps it out of the test suite; the bench command selects it by name.
 */
@Tag("gpu")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ThroughputBench {

    @ParameterizedTest(name = "{0} {1}x{1}")
    @CsvSource({"blazeface-front, 128, 1000, 100", "isnet-small-dyn, 320, 300, 10"})
    void backendAgainstRawSessionLoop(String name, int size, int frames, int cpuFrames) throws Exception {
        if (!Fixtures.device().present()) {
            // The benchmark's console line: ./framegrid bench shows stdout, not Surefire's skip reasons.
            System.out.printf("%s %s: skipped, no CUDA device (%s)%n", GpuOnnxBackend.NAME, name,
                    Fixtures.device().detail());
        }
        Fixtures.assumeDevice();
        assumeTrue(Fixtures.class.getClassLoader().getResource("model/" + name + ".onnx") != null
                || !name.startsWith("isnet"), "the " + name + " model bundle is not built: skipped");
        var model = Fixtures.model(name);
        ModelDescriptor descriptor = model.descriptor();
        InferenceOptions options = InferenceOptions.DEFAULT;
        GpuOnnxBackend backend = new GpuOnnxBackend(Fixtures.config(0));
        Map<String, Tensor> in = Map.of(descriptor.input().name(),
                org.framegrid.testing.Fixtures.gradient(descriptor, size));
        Set<String> outputs = Set.copyOf(descriptor.outputNames()); // what the stage reads, on both sides
        try (LoadedModel stage = backend.load(Fixtures.direct(model.bytes()), descriptor, options);
                OrtSession.SessionOptions gpuOptions = backend.sessionOptions(options);
                RawSession raw = new RawSession(model.bytes(), gpuOptions, in, outputs);
                OrtSession.SessionOptions cpuOptions = new OrtSession.SessionOptions();
                RawSession cpu = new RawSession(model.bytes(), cpuOptions, in, outputs)) {
            Map<String, Tensor> out = new HashMap<>();
            for (TensorInfo info : stage.outputs()) {
                if (!outputs.contains(info.name())) {
                    continue;
                }
                long[] shape = info.shape();
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shape[i] >= 0 ? shape[i] : size; // ISNet's dynamic sides follow the input
                }
                out.put(info.name(), Tensor.allocate(info.type(), shape));
            }
            // Alternating call by call, so that both loops see the same device and host state (clocks, other load).
            SideBySide timed = SideBySide.time(frames / 10, frames, () -> stage.runInto(in, out), raw::run);
            cpu.run();
            long t2 = System.nanoTime();
            for (int i = 0; i < cpuFrames; i++) {
                cpu.run();
            }
            double cpuFps = cpuFrames * 1e9 / (System.nanoTime() - t2);
            double backendFps = timed.firstFps();
            double rawFps = timed.secondFps();
            System.out.printf("%s %s %dx%d (CUDA EP): backend runInto %.0f fps (%.2f ms), raw session %.0f fps "
                    + "(%.2f ms), ratio %.3f; CPU EP %.1f fps (%d cores), GPU/CPU %.1fx%n", GpuOnnxBackend.NAME, name,
                    size, size, backendFps, 1e3 / backendFps, rawFps, 1e3 / rawFps, backendFps / rawFps, cpuFps,
                    Runtime.getRuntime().availableProcessors(), backendFps / cpuFps);
        } finally {
            backend.deactivate();
        }
    }
}
