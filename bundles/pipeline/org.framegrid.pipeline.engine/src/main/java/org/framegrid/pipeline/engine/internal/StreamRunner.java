package org.framegrid.pipeline.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageMode;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.api.pipeline.StreamStatus;
import org.framegrid.api.stage.PropertyDescriptor;

/**
 * One running stream: a frame thread per node, each taking from the node's input queue and putting into the queues
 * of the nodes it feeds; a {@code DIRECT} node has neither queue nor thread and runs on its upstream's thread. The
 * engine owns these threads; they end when the stream is closed. (A DIRECT node fed by two threads is serialised by
 * its slot's lock; its statistics may then miss a count.)
 *
 * <p>Frame ownership on the hot path: a thread owns the reference it took from its queue; after {@code process} it
 * releases the input unless the stage passed it on, and hands the output's reference to the downstream queues (one
 * extra reference per additional edge).
 */
final class StreamRunner implements StreamHandle {
    private static final Logger LOG = Logger.getLogger(StreamRunner.class.getName());
    private static final long JOIN_MILLIS = 5_000;
    /** Input frames a status period needs before its output rate is judged. */
    private static final int MIN_RATE_FRAMES = 20;

    private final Engine engine;
    private final PipelineDefinition definition;
    private final String streamId;
    private final List<StageSlot> slots = new ArrayList<>();
    private final Map<String, StageSlot> byName = new LinkedHashMap<>();
    private final Map<StageSlot, Outputs> outputs = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Thread> sourceThreads = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Producers of each queue: at end of stream a queue is finished when the last of them is done. */
    private final Map<FrameQueue, AtomicInteger> producers = new HashMap<>();
    /** Frame loops still running; when the last one has drained its input the stream has reached its end. */
    private final AtomicInteger liveLoops = new AtomicInteger();
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
        for (StageSlot slot : slots) {
            List<StageSlot> next = slot.plan.downstream().stream().map(byName::get).toList();
            outputs.put(slot, new Outputs(next.stream().filter(n -> n.input != null).map(n -> n.input)
                    .toArray(FrameQueue[]::new), next.stream().filter(n -> n.input == null).toArray(StageSlot[]::new)));
        }
        for (Outputs outs : outputs.values()) {
            for (FrameQueue q : outs.queues) {
                producers.computeIfAbsent(q, k -> new AtomicInteger()).incrementAndGet();
            }
        }
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
        for (StageSlot slot : slots) {
            Outputs outs = outputs.get(slot);
            if (slot.plan.descriptor().source()) {
                sourceThreads.add(engine.newFrameThread(streamId + "-" + slot.plan.name(), () -> sourceLoop(slot,
                        outs)));
            } else if (slot.input != null) {
                threads.add(engine.newFrameThread(streamId + "-" + slot.plan.name(), () -> nodeLoop(slot, outs)));
            } // else DIRECT: runs on its upstream's thread
        }
        threads.addAll(sourceThreads);
        liveLoops.set(threads.size());
        threads.forEach(Thread::start);
        refreshState();
        // A provider that arrived while the instances started was not offered to this stream yet.
        for (StageSlot slot : slots) {
            ProviderEntry best = registry.best(slot.type());
            if (best != null && (slot.provider() == null || slot.provider().id() != best.id())) {
                providerChanged(slot.type(), best);
            }
        }
    }

    private void nodeLoop(StageSlot slot, Outputs outs) {
        try {
            while (running) {
                Frame in = slot.input.take();
                if (in == null) {
                    if (running) { // finished upstream (end of stream), not closed
                        finish(outs);
                        loopEnded();
                    }
                    return;
                }
                run(slot, outs, in);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            engine.frameThreadEnded();
        }
    }

    private void sourceLoop(StageSlot slot, Outputs outs) {
        try {
            while (running) {
                Frame out = slot.process(null);
                if (slot.stats.takeStateChange()) {
                    refreshState();
                }
                if (out != null) {
                    if (out instanceof PooledFrame pooled) {
                        pooled.stamp(streamId, sequence.getAndIncrement());
                    }
                    emit(outs, out);
                }
                if (slot.endOfStreamRequested()) {
                    finish(outs);
                    loopEnded();
                    return;
                }
                if (out == null) {
                    // A source paces itself; a missing one must not spin while it waits for a provider.
                    Thread.sleep(slot.mode() == StageMode.ACTIVE ? 1 : 10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            engine.frameThreadEnded();
        }
    }

    /**
     * End of stream seen by a node: each queue it feeds is finished once all of that queue's producers are done
     * (a node fed by two sources ends after both); DIRECT nodes run here, so their outputs end with this one.
     */
    private void finish(Outputs outs) {
        for (FrameQueue q : outs.queues) {
            if (producers.get(q).decrementAndGet() == 0) {
                q.finish();
            }
        }
        for (StageSlot direct : outs.directs) {
            finish(outputs.get(direct));
        }
    }

    /** The last loop to drain its input ends the stream: stages stopped off the frame threads (close joins them). */
    private void loopEnded() {
        if (liveLoops.decrementAndGet() == 0 && running) {
            LOG.info("stream " + streamId + " reached its end of stream");
            try {
                control().execute(this::close);
            } catch (RejectedExecutionException e) { // the engine is shutting down: close on a thread of our own
                Thread.ofPlatform().name(streamId + "-end").start(this::close);
            }
        }
    }

    @Override
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    /** Processes one frame the caller owns and passes the result on: the body of a node loop, and a DIRECT node. */
    private void run(StageSlot slot, Outputs outs, Frame in) throws InterruptedException {
        Frame out = slot.process(in);
        if (out != in) {
            in.release();
        }
        if (slot.stats.takeStateChange()) {
            refreshState();
        }
        emit(outs, out);
    }

    private void emit(Outputs outs, Frame out) throws InterruptedException {
        if (outs.terminal()) {
            if (!flowing) {
                flowing = true;
                refreshState();
            }
            if (out != null) {
                out.release();
            }
            return;
        }
        if (out == null) {
            return;
        }
        int total = outs.queues.length + outs.directs.length;
        for (int i = 1; i < total; i++) {
            out.retain();
        }
        int handed = 0; // references passed on; a callee consumes its reference even when it throws
        try {
            for (FrameQueue q : outs.queues) {
                handed++;
                q.put(out);
            }
            for (StageSlot direct : outs.directs) {
                handed++;
                run(direct, outputs.get(direct), out);
            }
        } finally {
            // Interrupted while blocked (stop): the references meant for the outputs not reached go back.
            for (int i = handed; i < total; i++) {
                out.release();
            }
        }
    }

    /** Where a node's output goes: the input queues of queued nodes, and the DIRECT nodes run in place. */
    private record Outputs(FrameQueue[] queues, StageSlot[] directs) {
        boolean terminal() {
            return queues.length == 0 && directs.length == 0;
        }
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
            if (outputs.get(slot).terminal()) {
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

    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        sourceThreads.forEach(Thread::interrupt); // a source may be waiting for its next frame time
        for (StageSlot slot : slots) {
            if (slot.input != null) {
                slot.input.close();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warning("stream " + streamId + ": thread " + t.getName() + " did not end; its stage is stuck");
            }
        }
        slots.forEach(StageSlot::close);
        refreshState();
        engine.closed(this);
        ended.countDown();
    }
}
