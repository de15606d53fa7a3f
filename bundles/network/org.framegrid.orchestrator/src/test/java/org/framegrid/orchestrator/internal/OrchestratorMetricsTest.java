package org.framegrid.orchestrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.framegrid.node.api.MetricSampleList;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.junit.jupiter.api.Test;

/** The capacity an operator sees: slots in use, starts refused when they are all taken. */
class OrchestratorMetricsTest {

    @Test
    void aStartOverCapacityIsCountedAsRefused() {
        OrchestratorSettings settings = new OrchestratorSettings("0xo", "127.0.0.1", 0, false, List.of("p"), 1,
                BigInteger.ONE, 10, 1000);
        // Reserving a slot needs none of the node's services: only the bookkeeping is exercised.
        SessionManager sessions = new SessionManager(settings, null, null, null, null);
        assertNotNull(sessions.reserve());
        assertNull(sessions.reserve(), "the only slot is taken");

        MetricSampleList metrics = new MetricSampleList();
        OrchestratorMetrics.write(settings, sessions, metrics);
        Map<String, String> labels = Map.of("orchestrator", "0xo");
        assertEquals(1.0, metrics.value("framegrid_orchestrator_capacity", labels).orElseThrow());
        assertEquals(1.0, metrics.value("framegrid_orchestrator_sessions_in_use", labels).orElseThrow());
        assertEquals(0.0, metrics.value("framegrid_orchestrator_sessions", labels).orElseThrow(), "none running yet");
        assertEquals(1.0, metrics.value("framegrid_orchestrator_sessions_refused", labels).orElseThrow());
        assertEquals(0.0, metrics.value("framegrid_orchestrator_sessions_started", labels).orElseThrow());
    }
}
