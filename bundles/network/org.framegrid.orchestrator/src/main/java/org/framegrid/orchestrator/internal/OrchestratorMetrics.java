package org.framegrid.orchestrator.internal;

import java.util.Map;
import org.framegrid.node.api.MetricWriter;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;

/**
 * An orchestrator's sessions as metrics: running and reserved against the capacity, started, refused for capacity,
 * and each running session's pipeline (its frames and stages are the engine's metrics of stream {@code session-ID}).
 */
final class OrchestratorMetrics {

    private OrchestratorMetrics() {
    }

    static void write(OrchestratorSettings settings, SessionManager sessions, MetricWriter out) {
        Map<String, String> labels = Map.of("orchestrator", settings.address());
        out.gauge("framegrid_orchestrator_sessions", "Sessions running", labels, sessions.running().size());
        out.gauge("framegrid_orchestrator_sessions_in_use", "Sessions running or being set up: what counts against "
                + "the capacity", labels, sessions.inUse());
        out.gauge("framegrid_orchestrator_capacity", "Sessions the orchestrator runs at once", labels,
                settings.capacity());
        out.counter("framegrid_orchestrator_sessions_started", "Sessions started", labels,
                sessions.started.sum());
        out.counter("framegrid_orchestrator_sessions_refused", "Session starts refused because every slot was taken",
                labels, sessions.refusedOverCapacity.sum());
        String bytesHelp = "Media bytes: in = published by gateways into sessions, out = read from sessions by gateways";
        out.counter("framegrid_orchestrator_bytes", bytesHelp, Map.of("orchestrator", settings.address(),
                "direction", "in"), sessions.bytesIn.sum());
        out.counter("framegrid_orchestrator_bytes", bytesHelp, Map.of("orchestrator", settings.address(),
                "direction", "out"), sessions.bytesOut.sum());
        for (Session s : sessions.running()) {
            out.gauge("framegrid_orchestrator_session", "1 per running session, with its pipeline and payment scheme",
                    Map.of("orchestrator", settings.address(), "stream", SessionManager.STREAM_PREFIX + s.id,
                            "pipeline", s.pipeline, "scheme", s.scheme), 1);
        }
    }
}
