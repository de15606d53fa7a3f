package org.framegrid.pipeline.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageMode;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.api.pipeline.StreamStatus;
import org.framegrid.api.pipeline.StreamTap;
import org.framegrid.api.stage.FrameListener;
import org.framegrid.api.stage.PropertyDescriptor;

/**
 * One running stream: its nodes' slots, how frames move between them ({@link FrameFlow}), its state, and what its
 * owner does with it (update, tap, close). Provider changes reach it from the engine.
 */
final class StreamRunner implements StreamHandle {
    private static final long JOIN_MILLIS = 5_000;
    /** Input frames a status period needs before its output rate is judged. */
    private static final int MIN_RATE_FRAMES = 20;

    private final Engine engine;
    private final PipelineDefinition definition;
    private final String streamId;
    private final List<StageSlot> slots = new ArrayList<>();
    private final Map<String, StageSlot> byName = new LinkedHashMap<>();
    private final FrameFlow flow;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean flowing;
    private volatile String rateProblem;
    private StreamState state = StreamState.LOADING;
    private String reason = "starting";

    StreamRunner(Engine engine, PipelineDefinition definition, String streamId, List<NodePlan> plans) {
        this.engine = engine;
        this.definition = definition;
        this.streamId = streamId;
        for (NodePlan plan : plans) {
            FrameQueue q = plan.descriptor().source() || plan.queuePolicy() == QueuePolicy.DIRECT ? null
                    : new FrameQueue(plan.queuePolicy(), plan.queueCapacity());
            StageSlot slot = new StageSlot(this, plan, q, engine.pool());
            slots.add(slot);
            byName.put(plan.name(), slot);
        }
        this.flow = new FrameFlow(this, engine, slots, byName);
    }

    /** A stage's own message is written for users; the exception's class name is only a fallback. */
    private static String reason(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }

    Executor control() {
        return engine.control();
    }

    /** Starts every instance (a failure stops those already started), then the frame threads. */
    synchronized void start(ProviderRegistry registry) throws PipelineDefinitionException {
        for (StageSlot slot : slots) {
            try {
                slot.startInitial(registry.best(slot.type()));
            } catch (Exception | LinkageError e) {
                slots.forEach(StageSlot::close);
                throw new PipelineDefinitionException(List.of(new PipelineProblem(slot.plan.node().position(),
                        "node " + slot.plan.label() + " failed to start: " + reason(e))));
            }
        }
        running = true;
        flow.start(slots);
        refreshState();
        // A provider that arrived while the instances started was not offered to this stream yet.
        for (StageSlot slot : slots) {
            ProviderEntry best = registry.best(slot.type());
            if (best != null && (slot.provider() == null || slot.provider().id() != best.id())) {
                providerChanged(slot.type(), best);
            }
        }
    }

    @Override
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    /** A type's best provider changed: slots not running it prepare an instance of it. */
    synchronized void providerChanged(String type, ProviderEntry best) {
        for (StageSlot slot : slots) {
            ProviderEntry current = slot.provider();
            if (running && slot.type().equals(type) && (current == null || current.id() != best.id())
                    && slot.plan.incompatibility(best.descriptor()) == null) {
                slot.replaceAsync(best, engine.control());
            } else if (running && slot.type().equals(type) && slot.plan.incompatibility(best.descriptor()) != null) {
                slot.stats.note("provider " + best.label() + " not used: "
                        + slot.plan.incompatibility(best.descriptor()));
            }
        }
    }

    /** A provider is going away: slots running it switch before this returns. */
    synchronized void providerGone(ProviderEntry departing, ProviderEntry replacement) {
        for (StageSlot slot : slots) {
            slot.providerGone(departing, replacement);
        }
    }

    @Override
    public synchronized void update(Map<String, Object> params) throws PipelineDefinitionException {
        List<PipelineProblem> problems = new ArrayList<>();
        Map<StageSlot, Map<String, Object>> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            int dot = e.getKey().indexOf('.');
            StageSlot slot = dot < 0 ? null : byName.get(e.getKey().substring(0, dot));
            String name = dot < 0 ? "" : e.getKey().substring(dot + 1);
            PropertyDescriptor p = slot == null ? null : slot.plan.descriptor().property(name);
            if (p == null) {
                problems.add(new PipelineProblem(null, "parameter '" + e.getKey() + "' names no node.property of "
                        + "pipeline '" + definition.name() + "'"));
                continue;
            }
            if (name.equals(slot.plan.descriptor().outputProperty())) {
                // It decides the output format, negotiated once for the whole stream.
                problems.add(new PipelineProblem(null, "parameter '" + e.getKey() + "' sets the output format and "
                        + "cannot change while the stream runs"));
                continue;
            }
            try {
                changes.computeIfAbsent(slot, s -> new HashMap<>()).put(name, PropertyCoercer.coerce(p, e.getValue()));
            } catch (IllegalArgumentException x) {
                problems.add(new PipelineProblem(null, "parameter '" + e.getKey() + "': " + x.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new PipelineDefinitionException(problems);
        }
        changes.forEach(StageSlot::update);
    }

    /**
     * Closes a status period: rates, the output-rate check and a periodic event. The check compares frame counts, and
     * only over periods with enough input frames that the few frames in flight cannot make it flap.
     */
    void tick() {
        long now = System.nanoTime();
        long in = 0;
        long out = Long.MAX_VALUE;
        for (StageSlot slot : slots) {
            long delta = slot.stats.tick(now);
            if (slot.plan.descriptor().source()) {
                in = Math.max(in, delta);
            }
            if (flow.terminal(slot)) {
                out = Math.min(out, delta);
            }
        }
        double seconds = Math.max(1e-3, engine.statusPeriodMillis() / 1000.0);
        rateProblem = in >= MIN_RATE_FRAMES && out < 0.8 * in
                ? String.format("output at %.1f fps, input at %.1f fps", out / seconds, in / seconds) : null;
        refreshState();
        engine.publish(status());
    }

    /** Recomputes the state; a change is published at once. */
    synchronized void refreshState() {
        StreamState oldState = state;
        String oldReason = reason;
        computeState();
        if (oldState != state || !Objects.equals(oldReason, reason)) {
            engine.publish(status());
        }
    }

    private void computeState() {
        if (!running) {
            state = StreamState.STOPPED;
            reason = null;
            return;
        }
        for (StageSlot s : slots) {
            if (s.stats.errorStreak() >= StageStats.ERROR_STREAK) {
                set(StreamState.ERROR, "node " + s.plan.label() + " fails on every frame: " + s.stats.lastError());
                return;
            }
        }
        for (StageSlot s : slots) {
            if (s.mode() != StageMode.ACTIVE) {
                String unavailable = s.unavailable();
                set(StreamState.DEGRADED, "node " + s.plan.label() + (unavailable == null
                        ? " has no provider: " + s.mode().name().toLowerCase()
                        : " " + s.mode().name().toLowerCase() + ": " + unavailable));
                return;
            }
        }
        if (!flowing) {
            set(StreamState.LOADING, "waiting for the first frame");
            return;
        }
        for (StageSlot s : slots) {
            if (s.reloading()) {
                set(StreamState.RELOADING, "node " + s.plan.label() + " is restarting");
                return;
            }
        }
        String rate = rateProblem;
        set(rate != null ? StreamState.DEGRADED : StreamState.ONLINE, rate);
    }

    private void set(StreamState state, String reason) {
        this.state = state;
        this.reason = reason;
    }

    @Override
    public synchronized StreamStatus status() {
        List<StageStatus> stages = new ArrayList<>();
        for (StageSlot slot : slots) {
            stages.add(slot.status());
        }
        return new StreamStatus(streamId, definition.name(), definition.revision(), state, reason,
                System.currentTimeMillis(), stages);
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public PipelineDefinition definition() {
        return definition;
    }

    boolean running() {
        return running;
    }

    /** A frame left the stream: the first one ends {@code LOADING}. */
    void flowing() {
        if (!flowing) {
            flowing = true;
            refreshState();
        }
    }

    @Override
    public StreamTap tap(String node, FrameListener listener) {
        StageSlot slot = slot(node);
        if (slot.plan.descriptor().source()) {
            throw new IllegalArgumentException("node '" + node + "' of stream " + streamId + " is a source: no frame"
                    + " reaches it; tap a node it feeds");
        }
        return slot.taps.add(listener);
    }

    @Override
    public void send(String node, Map<String, Object> event) {
        slot(node).events.offer(event);
    }

    private StageSlot slot(String node) {
        StageSlot slot = byName.get(node);
        if (slot == null) {
            throw new IllegalArgumentException("stream " + streamId + " has no node '" + node + "'; its nodes: "
                    + byName.keySet());
        }
        return slot;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        flow.stop(slots, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS));
        slots.forEach(StageSlot::close);
        refreshState();
        engine.closed(this);
        ended.countDown();
    }
}
