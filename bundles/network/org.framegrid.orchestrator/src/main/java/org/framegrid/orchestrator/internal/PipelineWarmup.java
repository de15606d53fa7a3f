package org.framegrid.orchestrator.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.trickle.channel.SegmentChannels;

/**
 * Warms the pipelines an orchestrator offers when it starts, so that its first session (often a failover's, where every
 * millisecond is a gap in the app's video) does not pay for a cold JVM and cold models: each advertised pipeline runs
 * once, {@value #FRAMES} generated 640x360 frames through decode → stages → encode between two memory channels (or
 * what its latest-frame queues keep of them behind a slower stage, at least {@value #MIN_FRAMES}; models
 * loaded, ONNX Runtime and the codecs initialised, the frame path compiled by the JIT), and is closed again. Bounded
 * and cheap: one pipeline at a time on one virtual thread, about 1.5 s each (the frames come at 30 fps), at most
 * {@value #LIMIT_SECONDS} s.
 *
 * <p>Each advertised pipeline is {@link State#COLD} until its definition is registered, then {@link State#WARMING},
 * then {@link State#WARM}, or {@link State#FAILED} (the orchestrator still takes sessions, they start cold). The node
 * reports ready only once none is warming ({@link OrchestratorReadiness}), and {@code /v1/info} tells gateways which
 * are warm. Thread-safe.
 */
final class PipelineWarmup implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PipelineWarmup.class.getName());
    /** Frames run through each pipeline: enough for the JIT's first tiers and every stage's lazy set-up. */
    static final int FRAMES = 30;
    /** Frames that must reach the encoder when the pipeline's queues dropped some (a stage slower than 30 fps). */
    static final int MIN_FRAMES = 5;
    /** No frame at the encoder for this long after the last input frame: the pipeline has drained. */
    private static final long QUIET_MILLIS = 500;
    /** The longest one pipeline's warm-up may take. */
    static final int LIMIT_SECONDS = 30;
    /** How long it waits for an advertised pipeline to be registered (pipeline files load after the node starts). */
    private static final long REGISTERED_WAIT_MILLIS = 60_000;
    /** The stage that makes the warm-up's input frames. */
    static final String SOURCE = "test-source";

    /** Where an advertised pipeline is in its warm-up. */
    enum State { COLD, WARMING, WARM, FAILED }

    private final OrchestratorSettings settings;
    private final PipelineService pipelines;
    private final SegmentChannels channels;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile Thread thread;

    PipelineWarmup(OrchestratorSettings settings, PipelineService pipelines, SegmentChannels channels) {
        this.settings = settings;
        this.pipelines = pipelines;
        this.channels = channels;
        settings.pipelines().forEach(p -> states.put(p, State.COLD));
    }

    /** Starts warming, in the background. */
    void start() {
        thread = Thread.ofVirtual().name("orchestrator-warmup-" + settings.address()).start(this::warmAll);
    }

    /** @return whether {@code pipeline} ran its warm-up frames */
    boolean warm(String pipeline) {
        return states.get(pipeline) == State.WARM;
    }

    /** @return each advertised pipeline's state, in the advertised order */
    Map<String, State> states() {
        Map<String, State> m = new LinkedHashMap<>();
        settings.pipelines().forEach(p -> m.put(p, states.getOrDefault(p, State.COLD)));
        return m;
    }

    /** @return why each failed warm-up failed, by pipeline */
    Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    private void warmAll() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REGISTERED_WAIT_MILLIS);
        try {
            for (String p : settings.pipelines()) {
                while (pipelines.definition(p).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                if (pipelines.definition(p).isPresent()) {
                    warm(p, pipelines.definition(p).get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the node stops
        }
    }

    private void warm(String pipeline, PipelineDefinition d) throws InterruptedException {
        states.put(pipeline, State.WARMING);
        long t = System.nanoTime();
        String id = "warmup-" + Long.toHexString(System.nanoTime()) + "-" + pipeline;
        String in = id + "-in";
        String out = id + "-out";
        AtomicLong frames = new AtomicLong();
        StreamHandle source = null;
        StreamHandle stream = null;
        try {
            List<String> decode = SessionManager.nodes(d, MediaStages.DECODE, 0);
            String encode = SessionManager.nodes(d, MediaStages.ENCODE, 1).get(0);
            Map<String, Object> params = new LinkedHashMap<>();
            for (String node : decode) {
                params.put(node + "." + MediaStages.DECODE_INPUT, MediaStages.CHANNEL_PREFIX + in);
                params.put(node + "." + MediaStages.DECODE_LIVE_EDGE, false); // every warm-up frame is decoded
            }
            params.put(encode + "." + MediaStages.ENCODE_OUTPUT, MediaStages.CHANNEL_PREFIX + out);
            channels.open(in);
            channels.open(out);
            if (!decode.isEmpty()) {
                source = pipelines.start(source(id, in), id + "-source", Map.of());
            }
            stream = pipelines.start(pipeline, id, params);
            AtomicLong lastFrame = new AtomicLong(System.nanoTime());
            stream.tap(encode, (streamId, node, frame) -> {
                frames.incrementAndGet();
                lastFrame.set(System.nanoTime());
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
            while (frames.get() < FRAMES && System.nanoTime() < until && !drained(source, frames, lastFrame)) {
                Thread.sleep(20);
            }
            if (frames.get() < FRAMES && !drained(source, frames, lastFrame)) {
                throw new IllegalStateException(frames.get() + " of " + FRAMES + " frames in " + LIMIT_SECONDS + " s");
            }
            closeQuietly(stream); // gone before it counts as warm
            closeQuietly(source);
            states.put(pipeline, State.WARM);
            long ms = (System.nanoTime() - t) / 1_000_000;
            LOG.info(() -> settings.address() + ": pipeline " + pipeline + " warm (" + frames.get() + " frames in " + ms
                    + " ms)");
        } catch (InterruptedException e) {
            states.put(pipeline, State.COLD);
            throw e;
        } catch (Exception e) {
            failures.put(pipeline, String.valueOf(e.getMessage()));
            states.put(pipeline, State.FAILED);
            LOG.warning(() -> settings.address() + ": pipeline " + pipeline + " not warmed (its first session starts"
                    + " cold): " + e.getMessage());
        } finally {
            closeQuietly(stream);
            closeQuietly(source);
            channels.remove(in);
            channels.remove(out);
        }
    }

    /**
     * @return whether every generated frame went in and what the pipeline kept of them came out: a pipeline whose queues
     *     keep the latest frame drops some behind a slower stage, and is warm all the same
     */
    private static boolean drained(StreamHandle source, AtomicLong frames, AtomicLong lastFrame)
            throws InterruptedException {
        return source != null && source.awaitEnd(0, TimeUnit.MILLISECONDS) && frames.get() >= MIN_FRAMES
                && System.nanoTime() - lastFrame.get() > TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
    }

    /**
     * Generated 640x360 frames at 30 fps, paced as a camera would (a pipeline's latest-frame queues would drop frames
     * made faster), encoded into 1 s segments of channel {@code in}; more than {@value #FRAMES}, as the last segment
     * may stay open.
     */
    private static PipelineDefinition source(String id, String in) {
        return new PipelineDefinition(id + "-source", "orchestrator warm-up", "1", List.of(
                new NodeDefinition("frames", SOURCE, Map.of("width", 640, "height", 360, "fps", 30.0,
                        "frames", (long) FRAMES + 15, "realtime", true)),
                new NodeDefinition(MediaStages.ENCODE, MediaStages.ENCODE, Map.of(MediaStages.ENCODE_OUTPUT,
                        MediaStages.CHANNEL_PREFIX + in, "fps", 30, "segment-seconds", 1.0))),
                List.of(new EdgeDefinition("frames", MediaStages.ENCODE, null)), QueuePolicy.BLOCK, null);
    }

    private static void closeQuietly(StreamHandle s) {
        if (s != null) {
            s.close();
        }
    }

    /** Stops a warm-up in progress (the node stops). */
    @Override
    public void close() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
