package org.framegrid.node.http.internal.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.Model;
import org.framegrid.node.api.MetricSampleList;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.Providers;
import org.junit.jupiter.api.Test;

/** A model is cold until the CPU backend holds a copy of it that ran, and cold again once that copy is closed. */
class ModelMetricsTest {

    @Test
    void warmWhileABackendHoldsARunCopy() throws Exception {
        Model blazeface = Fixtures.bundled("blazeface-front");
        String version = blazeface.descriptor().version();
        InferenceBackend cpu = Providers.cpuBackend();
        ModelMetrics metrics = new ModelMetrics();
        metrics.addModel(blazeface, Map.of(Model.NAME_PROPERTY, "blazeface-front", Model.VERSION_PROPERTY, version,
                Model.TASK_PROPERTY, blazeface.descriptor().task()));
        metrics.addBackend(cpu);
        Map<String, String> model = Map.of("model", "blazeface-front", "version", version);

        MetricSampleList cold = MetricSampleList.of(metrics);
        assertEquals(0.0, cold.value("framegrid_model_instances", Map.of("state", "cold")).orElseThrow(),
                cold.samples().toString());
        assertTrue(cold.value("framegrid_model_sessions", model).isEmpty(), "no copy loaded");

        byte[] bytes;
        try (InputStream in = blazeface.open()) {
            bytes = in.readAllBytes();
        }
        try (LoadedModel loaded = cpu.load(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip(),
                blazeface.descriptor(), InferenceOptions.DEFAULT)) {
            MetricSampleList warm = MetricSampleList.of(metrics);
            assertTrue(warm.value("framegrid_model_instances", Map.of("state", "warm")).isPresent(),
                    warm.samples().toString());
            Map<String, String> onCpu = Map.of("model", "blazeface-front", "backend", cpu.name());
            assertEquals(1.0, warm.value("framegrid_model_sessions", onCpu).orElseThrow());
            assertEquals(1.0, warm.value("framegrid_model_runs", onCpu).orElseThrow(), "the warm-up run");
        }
        MetricSampleList closed = MetricSampleList.of(metrics);
        assertTrue(closed.value("framegrid_model_instances", Map.of("state", "cold")).isPresent(),
                closed.samples().toString());
    }
}
