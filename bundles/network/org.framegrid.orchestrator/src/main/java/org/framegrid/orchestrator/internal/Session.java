package org.framegrid.orchestrator.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamStatus;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.trickle.json.JsonRoutes;

/**
 * One live session: its four channels, its pipeline stream, and the thread that applies control messages. Events
 * (status) are published by the node's ticker through {@link #publishStatus}.
 */
final class Session {
    private static final Logger LOG = Logger.getLogger(Session.class.getName());

    final String id;
    final String pipeline;
    final String sender;
    final String scheme;
    final SegmentChannel input;
    final SegmentChannel output;
    final SegmentChannel control;
    final SegmentChannel events;
    final long startedNanos = System.nanoTime();
    final AtomicLong controlMessages = new AtomicLong();
    volatile StreamHandle stream;
    /** The receiver holding this session's balance; replaced when its payment bundle is (see PaymentReceivers). */
    volatile PaymentReceiver receiver;
    /** Seconds run while no receiver of the scheme was registered, debited once one is; ticker thread only. */
    int unpaidSeconds;
    final AtomicLong frameEvents = new AtomicLong();
    /** Frames its sinks had taken and errors its stages had at the meter's last look; ticker thread only. */
    private long framesSeen;
    private long errorsSeen;
    private int failingSeconds;
    private volatile boolean ended;
    private Thread controlLoop;

    Session(String id, String pipeline, String sender, String scheme, SegmentChannel input, SegmentChannel output,
            SegmentChannel control, SegmentChannel events) {
        this.id = id;
        this.pipeline = pipeline;
        this.sender = sender;
        this.scheme = scheme;
        this.input = input;
        this.output = output;
        this.control = control;
        this.events = events;
    }

    /** A slot held while a session is set up: counts against the capacity, never served. */
    static Session reservation(String id) {
        return new Session(id, "", "", "", null, null, null, null);
    }

    /** @return whether its pipeline started: a reservation has not */
    boolean running() {
        return stream != null;
    }

    /**
     * What its pipeline did in the last second (the meter asks once a second).
     *
     * @param flowed whether its sinks (the encoder) took a frame: output made, from input or by a source of a pipeline
     *     without input (not its decoder's count: a live decoder waiting for input counts as it polls, and one that
     *     fails on every segment makes nothing)
     * @param cannotRun why the pipeline cannot run, once its stages failed and nothing came out for
     *     {@link #FAILING_SECONDS} seconds in a row; else {@code null}
     */
    record Second(boolean flowed, String cannotRun) {
    }

    /** Seconds in a row with failures and no output after which a session's pipeline is said not to run. */
    static final int FAILING_SECONDS = 5;

    Second lastSecond() {
        StreamHandle h = stream;
        if (h == null) {
            return new Second(false, null);
        }
        List<StageStatus> stages = h.status().stages();
        long out = sinkFrames(h, stages);
        long errors = stages.stream().mapToLong(StageStatus::errors).sum();
        boolean flowed = out != framesSeen;
        failingSeconds = flowed ? 0 : errors > errorsSeen ? failingSeconds + 1 : failingSeconds;
        framesSeen = out;
        errorsSeen = errors;
        return new Second(flowed, failingSeconds < FAILING_SECONDS ? null : cannotRun(stages,
                "no output for " + failingSeconds + " s"));
    }

    /** @return why its pipeline cannot run if it never made output while its stages failed; else {@code null} */
    String neverRan() {
        StreamHandle h = stream;
        if (h == null) {
            return null;
        }
        List<StageStatus> stages = h.status().stages();
        boolean failed = stages.stream().anyMatch(st -> st.errors() > 0);
        return failed && sinkFrames(h, stages) == 0 ? cannotRun(stages, "no output at all") : null;
    }

    /** @return whether its pipeline's sinks took a frame yet: it made output, so it can run */
    boolean madeOutput() {
        StreamHandle h = stream;
        return h != null && sinkFrames(h, h.status().stages()) > 0;
    }

    private static long sinkFrames(StreamHandle h, List<StageStatus> stages) {
        List<EdgeDefinition> edges = h.definition().edges();
        return stages.stream().filter(st -> edges.stream().noneMatch(e -> e.from().equals(st.node())
                || e.from().startsWith(st.node() + "."))).mapToLong(StageStatus::processed).sum();
    }

    private static String cannotRun(List<StageStatus> stages, String output) {
        StageStatus failing = stages.stream().max(Comparator.comparingLong(StageStatus::errors)).orElseThrow();
        return "pipeline cannot run: " + failing.node() + " (" + failing.type() + ") failed " + failing.errors()
                + " times and there was " + output + "; last error: " + failing.lastError();
    }

    void startControlLoop() {
        controlLoop = Thread.ofVirtual().name("session-control-" + id).start(this::controlLoop);
        Thread.ofVirtual().name("session-end-" + id).start(this::awaitStreamEnd);
    }

    /**
     * When the pipeline ends by itself (the sender closed the input channel, and every frame went through, so the
     * encoder completed its last segment), the output channel is closed: the gateway reads the last segment, then
     * learns that the output is over and closes the session. Until then the session and its channels stay.
     */
    private void awaitStreamEnd() {
        try {
            StreamHandle h = stream;
            h.awaitEnd(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            // Only the end of the input ends the output: a pipeline stopped otherwise leaves the session silent,
            // which the gateway sees as a stall and moves the stream.
            if (!ended && input.closed()) {
                LOG.info(() -> "session " + id + ": the input ended and the pipeline went through; output closed");
                publish(Map.of("type", "ended", "session", id, "reason", "end of stream"));
                output.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Each control segment is one JSON object: params keyed {@code node.property} (the newest wins), or an app event
     * ({@link AppEvents}), delivered to its node at once and taken by the stage at its next frame boundary.
     */
    private void controlLoop() {
        long next = 0;
        try {
            while (!ended) {
                SegmentChannel.Segment s = control.await(next, 1, TimeUnit.SECONDS);
                if (s == null) {
                    continue;
                }
                next = s.sequence() + 1;
                try (InputStream in = s.bytes()) {
                    Map<String, Object> message = JsonRoutes.read(in.readAllBytes());
                    if (message.containsKey("keep")) {
                        continue; // keep-alive
                    }
                    if (message.containsKey("event")) {
                        AppEvents.deliver(stream, message);
                        continue;
                    }
                    Map<String, Object> params = new LinkedHashMap<>(message);
                    stream.update(params);
                    controlMessages.incrementAndGet();
                    publish(Map.of("type", "params", "session", id, "applied", params));
                } catch (IOException | PipelineDefinitionException | RuntimeException e) {
                    LOG.log(Level.INFO, "session " + id + ": control message " + s.sequence() + " refused: " + e.getMessage());
                    publish(Map.of("type", "error", "session", id, "message",
                            "control " + s.sequence() + ": " + e.getMessage()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes the stream's state and per-node figures as one events segment. */
    void publishStatus(String balanceWei) {
        StreamHandle h = stream;
        if (h == null || ended) {
            return;
        }
        StreamStatus st = h.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "status");
        m.put("session", id);
        m.put("pipeline", pipeline);
        m.put("state", st.state().name());
        if (st.reason() != null) {
            m.put("reason", st.reason());
        }
        m.put("seconds", (System.nanoTime() - startedNanos) / 1e9);
        m.put("balanceWei", balanceWei);
        m.put("frameEvents", frameEvents.get());
        m.put("stages", st.stages().stream().map(Session::stage).toList());
        publish(m);
    }

    private static Map<String, Object> stage(StageStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", s.node());
        m.put("type", s.type());
        m.put("fps", s.fps());
        m.put("p50Millis", s.p50Millis());
        m.put("processed", s.processed());
        m.put("drops", s.drops());
        m.put("errors", s.errors());
        if (s.lastError() != null) {
            m.put("lastError", s.lastError());
        }
        return m;
    }

    /** An output frame: its metadata (detections, texts, lines), if any, becomes one events message. */
    void frameEvent(Frame frame) {
        Instant now = Clock.systemUTC().instant();
        Map<String, Object> message = FrameEvents.message(id, frame, now.getEpochSecond() * 1_000_000
                + now.getNano() / 1_000);
        if (message != null) {
            frameEvents.incrementAndGet();
            publish(message);
        }
    }

    /** One JSON message per events segment (the node is the events channel's only writer). */
    synchronized void publish(Map<String, Object> message) {
        try (SegmentWriter w = events.publish()) {
            w.write(JsonRoutes.write(message));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "session " + id + ": event not published: " + e.getMessage());
        }
    }

    /** Stops the stream and ends the channels (readers are told the channels closed). */
    void end(String why) {
        if (ended) {
            return;
        }
        publish(Map.of("type", "ended", "session", id, "reason", why));
        ended = true;
        StreamHandle h = stream;
        if (h != null) {
            h.close();
        }
        if (controlLoop != null) {
            controlLoop.interrupt();
        }
        input.close();
        output.close();
        control.close();
        events.close();
    }
}
