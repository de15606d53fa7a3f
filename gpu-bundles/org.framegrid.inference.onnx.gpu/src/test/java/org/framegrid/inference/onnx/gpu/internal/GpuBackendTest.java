package org.framegrid.inference.onnx.gpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import ai.onnxruntime.OrtSession;

/**
 * The backend on a real device: BlazeFace and ISNet give the CPU EP's numbers (within TF32 rounding). Skipped, with
 * the probe's reason, on machines without a device.
 */
@Tag("gpu")
class GpuBackendTest {

    private static GpuOnnxBackend backend;

    /** Per test, not in {@code @BeforeAll}: so each test reports itself skipped, with the reason. */
    @BeforeEach
    void device() {
        Fixtures.assumeDevice();
        if (backend == null) {
            backend = new GpuOnnxBackend(Fixtures.config(0));
        }
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.deactivate();
        }
    }

    @Test
    void blazeFaceOnTheGpuGivesTheCpuEpsOutputs() throws Exception {
        sameAsCpu("blazeface-front", 128, 0.02f);
    }

    @Test
    void isnetOnTheGpuGivesTheCpuEpsMatte() throws Exception {
        sameAsCpu("isnet-small-dyn", 320, 0.02f);
    }

    /** Every output of {@code name} on the GPU backend against the CPU EP of the same ORT, element by element. */
    private static void sameAsCpu(String name, int size, float tolerance) throws Exception {
        var model = Fixtures.model(name);
        ModelDescriptor descriptor = model.descriptor();
        Map<String, Tensor> in = Map.of(descriptor.input().name(),
                org.framegrid.testing.Fixtures.gradient(descriptor, size));
        try (LoadedModel gpu = backend.load(Fixtures.direct(model.bytes()), descriptor, InferenceOptions.DEFAULT);
                OrtSession.SessionOptions cpuOptions = new OrtSession.SessionOptions();
                RawSession cpu = new RawSession(model.bytes(), cpuOptions, in,
                        Set.copyOf(descriptor.outputNames()))) {
            Map<String, Tensor> out = gpu.run(in, descriptor.outputNames());
            for (String output : descriptor.outputNames()) {
                float[] expected = cpu.output(output);
                FloatBuffer actual = out.get(output).floats();
                assertEquals(expected.length, actual.remaining(), output);
                float worst = 0;
                for (int i = 0; i < expected.length; i++) {
                    worst = Math.max(worst, Math.abs(actual.get(i) - expected[i]) / Math.max(1f, Math.abs(expected[i])));
                }
                assertTrue(worst <= tolerance, name + " " + output + ": worst relative difference " + worst);
                System.out.printf("[gpu] %s %s: worst relative difference to the CPU EP %.2e%n", name, output, worst);
            }
        }
    }
}
