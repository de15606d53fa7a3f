package org.framegrid.selection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.framegrid.node.api.MetricSampleList;
import org.framegrid.selection.api.Observation;
import org.junit.jupiter.api.Test;

/** What the operator sees of the selection: suspensions, success rate and latency per orchestrator. */
class SelectionMetricsTest {

    @Test
    void aStallSuspendsAndIsCounted() {
        DefaultSelector selector = new DefaultSelector(0.5, 0.3, 0.2, 30, RandomGenerator.of("L64X128MixRandom"));
        selector.observe(new Observation("0xa", Observation.Outcome.SUCCESS, 40, ""));
        selector.observe(new Observation("0xb", Observation.Outcome.STALLED, -1, "no output"));

        MetricSampleList metrics = MetricSampleList.of(new SelectionMetrics(selector));
        Map<String, String> a = Map.of("orchestrator", "0xa");
        Map<String, String> b = Map.of("orchestrator", "0xb");
        assertEquals(0.0, metrics.value("framegrid_selection_suspended", a).orElseThrow());
        assertEquals(0.04, metrics.value("framegrid_selection_latency_seconds", a).orElseThrow(), 1e-9);
        assertEquals(1.0, metrics.value("framegrid_selection_suspended", b).orElseThrow());
        assertEquals(1.0, metrics.value("framegrid_selection_suspensions", b).orElseThrow());
        assertEquals(0.9, metrics.value("framegrid_selection_success_rate", b).orElseThrow(), 1e-9);
    }
}
