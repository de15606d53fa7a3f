package org.framegrid.demo.internal.latency;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.demo.internal.Latencies;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.trickle.json.JsonRoutes;

/**
 * Where a network frame's milliseconds go, measured per frame and joined by frame number: capture → the app's encoder
 * (a tap on it), capture → the orchestrator's encoder (the session's events channel reports each frame code its
 * pipeline read, with when the frame reached the encode node), that moment → the frame back at the app; and each
 * stage's own p50 time (the app's pipelines' status, the orchestrator's status events). Thread-safe.
 */
final class HopBudget implements AutoCloseable {
    final Latencies toAppEncoder = new Latencies();
    final Latencies toOrchestratorEncoder = new Latencies();
    final Latencies orchestratorEncoderToApp = new Latencies();
    private final Map<Long, Long> atOrchestrator = new ConcurrentHashMap<>();
    private volatile List<?> orchestratorStages = List.of();
    private Thread reader;

    /** Reads the session's events channel at {@code events} from its live edge until closed. */
    HopBudget follow(TrickleClient trickle, URI events) {
        reader = Thread.ofVirtual().name("bench-events-reader").start(() -> {
            long next = -1;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    TrickleClient.Segment s = trickle.read(events, next);
                    next = s.sequence() + 1;
                    try (InputStream in = s.bytes()) {
                        event(JsonRoutes.read(in.readAllBytes()));
                    }
                } catch (IOException e) {
                    return; // the session ended
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return this;
    }

    private void event(Map<String, Object> m) {
        if ("status".equals(m.get("type")) && m.get("stages") instanceof List<?> stages) {
            orchestratorStages = stages;
        } else if (m.get("code") instanceof Map<?, ?> code) {
            long frame = ((Number) code.get("frame")).longValue();
            long capture = ((Number) code.get("captureMicros")).longValue();
            long at = ((Number) code.get("atMicros")).longValue();
            atOrchestrator.put(frame, at);
            toOrchestratorEncoder.sample(at, at - capture);
        }
    }

    /** A frame at the app's encoder input now. */
    void atAppEncoder(FrameCode code) {
        long now = Latencies.nowMicros();
        toAppEncoder.sample(now, now - code.captureMicros());
    }

    /** A frame back at the app now. */
    void arrived(FrameCode code) {
        Long at = atOrchestrator.remove(code.frame());
        if (at != null) {
            long now = Latencies.nowMicros();
            orchestratorEncoderToApp.sample(now, now - at);
        }
    }

    /** @return the budget of the frames that arrived between {@code from} and {@code to}, one line */
    String line(long from, long to, StreamHandle camera, StreamHandle receiver) {
        StringBuilder stages = new StringBuilder();
        for (Object o : orchestratorStages) {
            if (o instanceof Map<?, ?> s) {
                long drops = ((Number) s.get("drops")).longValue();
                stages.append(String.format(Locale.ROOT, " %s %.1f%s", s.get("node"),
                        ((Number) s.get("p50Millis")).doubleValue(), drops > 0 ? " (" + drops + " dropped)" : ""));
            }
        }
        return String.format(Locale.ROOT, "%-26s budget p50 ms (a source's own time includes its wait for input): "
                        + "capture→app encoder %.1f | app stages%s | capture→"
                        + "orchestrator encoder %.1f | orchestrator stages%s | orchestrator encoder→app read %.1f | "
                        + "app stages%s", "", toAppEncoder.window(from, to).p50(), own(camera),
                toOrchestratorEncoder.window(from, to).p50(), stages, orchestratorEncoderToApp.window(from, to).p50(),
                own(receiver));
    }

    private static String own(StreamHandle stream) {
        StringBuilder b = new StringBuilder();
        if (stream == null) {
            return " (none)";
        }
        for (StageStatus s : stream.status().stages()) {
            b.append(String.format(Locale.ROOT, " %s %.1f%s", s.node(), s.p50Millis(),
                    s.drops() > 0 ? " (" + s.drops() + " dropped)" : ""));
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.interrupt();
        }
    }
}
