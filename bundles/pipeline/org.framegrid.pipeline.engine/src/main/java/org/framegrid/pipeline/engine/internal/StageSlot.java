package org.framegrid.pipeline.engine.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.pipeline.StageMode;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.stage.MissingProviderPolicy;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;

/**
 * One node of one stream: its stage instance and how it is replaced. The frame thread holds {@link #lock} during each
 * {@code process} call, so a swap under it happens at a frame boundary; a replacement is started before the old stops.
 */
final class StageSlot {
    private static final Logger LOG = Logger.getLogger(StageSlot.class.getName());
    /** How long a departing provider waits for the frame in flight before its instance is stopped regardless. */
    private static final long SWAP_WAIT_SECONDS = 5;

    final NodePlan plan;
    final FrameQueue input;
    final StageStats stats = new StageStats();
    /** The stream owner's taps on this node, handed each frame before it is processed. */
    final NodeTaps taps = new NodeTaps();
    final NodeEvents events = new NodeEvents();
    final LongAdder stageDrops = new LongAdder(); // what its instances dropped themselves (StageContext.dropped)
    private final StreamRunner stream;
    private final FramePool pool;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicReference<Map<String, Object>> pendingLive = new AtomicReference<>();
    private volatile Map<String, Object> properties;
    private volatile boolean reloading;
    private volatile boolean closed;
    // Guarded by lock; the volatile copies below are what status reads without taking it.
    private Stage instance;
    /** The context of {@link #instance}: what that instance reported (unavailable, using) lives there. */
    private volatile SlotContext active;
    private Frame lastOutput;
    private volatile ProviderEntry provider;
    private volatile StageMode mode = StageMode.ACTIVE;

    /** Set when the source instance of this node called {@link StageContext#endOfStream()}. */
    private volatile boolean endOfStream;
    /** What the source instance of this node expects to emit in all, or -1 (see StageContext#expectFrames). */
    private volatile long expectedFrames = -1;

    StageSlot(StreamRunner stream, NodePlan plan, FrameQueue input, FramePool pool) {
        this.stream = stream;
        this.plan = plan;
        this.input = input;
        this.pool = pool;
        this.properties = plan.properties();
    }

    /** @return whether the node's source asked to end the stream */
    boolean endOfStreamRequested() {
        return endOfStream;
    }

    // ---- what the instances report, through their SlotContext ----

    String streamId() {
        return stream.streamId();
    }

    FramePool pool() {
        return pool;
    }

    void endOfStream() {
        endOfStream = true;
    }

    void expectFrames(long frames) {
        expectedFrames = frames < 0 ? -1 : frames;
    }

    /** The instance of {@code from} said it cannot work: the stream's state changes if it is the running one. */
    void unavailableReported(SlotContext from) {
        if (active == from) {
            LOG.warning("stream " + stream.streamId() + " node " + plan.name() + ": " + from.unavailable);
            stream.refreshState();
        }
    }

    String type() {
        return plan.node().type();
    }

    ProviderEntry provider() {
        return provider;
    }

    /** @return how frames are handled: the missing-provider mode too while the running instance is unavailable */
    StageMode mode() {
        StageMode m = mode;
        SlotContext c = active;
        return m == StageMode.ACTIVE && c != null && c.unavailable != null ? missingMode() : m;
    }

    /** @return why the running instance cannot work, or {@code null} */
    String unavailable() {
        SlotContext c = active;
        return c == null ? null : c.unavailable;
    }

    boolean reloading() {
        return reloading;
    }

    /** Starts the first instance, or the missing-provider mode when the type has no provider now. */
    void startInitial(ProviderEntry best) throws Exception {
        lock.lock();
        try {
            if (best == null || plan.incompatibility(best.descriptor()) != null) {
                mode = missingMode();
            } else {
                SlotContext c = new SlotContext(this);
                instance = create(best, properties, c);
                active = c;
                provider = best;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The hot path, on the node's frame thread. The caller still owns {@code in}; see {@link StreamRunner}. */
    Frame process(Frame in) {
        lock.lock();
        try {
            Stage s = instance;
            SlotContext c = active;
            if (s == null || c.unavailable != null) {
                if (in == null) {
                    return null; // a source without provider: nothing to emit, held or not
                }
                if ((s == null ? mode : missingMode()) == StageMode.BYPASSED) {
                    return plan.output() == null ? null : in;
                }
                stageDrops.increment(); // held: this frame goes no further (the last output goes again in its place)
                return lastOutput == null ? null : lastOutput.retain();
            }
            if (pendingLive.get() != null) {
                applyLive(s, pendingLive.getAndSet(null));
            }
            long start = System.nanoTime();
            Frame out;
            try {
                out = s.process(in);
            } catch (Exception | LinkageError e) {
                // LinkageError: a stage whose bundle was refreshed under it fails, the stream must not.
                // The state is refreshed by the frame thread after the lock is released (see StreamRunner).
                stats.error(e);
                return null;
            }
            stats.record(System.nanoTime() - start);
            if (plan.missing() == MissingProviderPolicy.HOLD && out != null && out != lastOutput) {
                if (lastOutput != null) {
                    lastOutput.release();
                }
                lastOutput = out.retain();
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private void applyLive(Stage s, Map<String, Object> values) {
        try {
            s.update(new StageProperties(complete(provider, values)));
        } catch (Exception e) {
            stats.note("update failed: " + e);
        }
    }

    /** Records new values; live-only changes go to the frame thread, others restart the instance. */
    void update(Map<String, Object> changed) {
        Map<String, Object> merged = new HashMap<>(properties);
        boolean restart = false;
        for (Map.Entry<String, Object> e : changed.entrySet()) {
            if (!e.getValue().equals(merged.put(e.getKey(), e.getValue()))) {
                PropertyDescriptor p = plan.descriptor().property(e.getKey());
                restart |= p == null || !p.live();
            }
        }
        properties = Map.copyOf(merged);
        ProviderEntry current = provider;
        if (restart && current != null) {
            replaceAsync(current, stream.control());
        } else {
            pendingLive.set(properties);
        }
    }

    /** Prepares an instance of {@code entry} off the frame thread, then swaps it in at a frame boundary. */
    void replaceAsync(ProviderEntry entry, Executor control) {
        int gen = generation.incrementAndGet();
        reloading = true;
        stream.refreshState();
        control.execute(() -> {
            Stage fresh = null;
            SlotContext c = new SlotContext(this);
            Map<String, Object> values = properties;
            try {
                fresh = create(entry, values, c);
            } catch (Exception | LinkageError e) {
                stats.note("cannot start " + entry.label() + ": " + e);
                LOG.log(Level.WARNING, "stream " + stream.streamId() + " node " + plan.name() + ": cannot start "
                        + entry.label(), e);
            }
            if (fresh != null && swap(fresh, c, entry, gen, 0) && properties != values) {
                pendingLive.set(properties); // live values that arrived while it started reach it at its first frame
            }
            if (generation.get() == gen) {
                reloading = false;
            }
            stream.refreshState();
        });
    }

    /**
     * The provider this slot runs is going away: swap in {@code replacement} (when compatible) or the missing mode
     * before returning, so that the departing bundle's instance is stopped when its service is gone.
     */
    void providerGone(ProviderEntry departing, ProviderEntry replacement) {
        ProviderEntry current = provider;
        if (current == null || current.id() != departing.id()) {
            return;
        }
        int gen = generation.incrementAndGet();
        Stage fresh = null;
        SlotContext c = new SlotContext(this);
        if (replacement != null && plan.incompatibility(replacement.descriptor()) == null) {
            try {
                fresh = create(replacement, properties, c);
            } catch (Exception | LinkageError e) {
                stats.note("cannot start " + replacement.label() + ": " + e);
            }
        }
        swap(fresh, c, fresh == null ? null : replacement, gen, SWAP_WAIT_SECONDS);
        reloading = false;
        stream.refreshState();
    }

    /**
     * Swaps at a frame boundary; {@code fresh == null} means the missing-provider mode. Stops whatever lost.
     *
     * @return whether {@code fresh} was installed
     */
    private boolean swap(Stage fresh, SlotContext freshContext, ProviderEntry entry, int gen, long waitSeconds) {
        Stage old = null;
        boolean installed = false;
        boolean locked = false;
        try {
            locked = waitSeconds == 0 ? lockInterruptibly() : lock.tryLock(waitSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked) {
            LOG.warning("stream " + stream.streamId() + " node " + plan.name() + ": frame in flight did not finish");
        }
        try {
            if (closed || generation.get() != gen) {
                old = fresh;
            } else {
                old = instance;
                instance = fresh;
                active = fresh != null ? freshContext : null;
                provider = entry;
                mode = fresh != null ? StageMode.ACTIVE : missingMode();
                installed = true;
            }
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
        stopQuietly(old);
        String early = installed ? freshContext.reloadBeforeInstalled.getAndSet(null) : null;
        if (early != null && fresh != null) {
            reload(early);
        }
        return installed;
    }

    /** A reload asked for by the instance of {@code from}: honoured when that instance is (or becomes) current. */
    void reloadRequested(SlotContext from, String reason) {
        if (active != from) {
            // Still starting: swap() honours it once installed (it is dropped if the instance never is). Checked
            // again after recording it, in case the swap happened in between and read nothing.
            from.reloadBeforeInstalled.set(reason);
            if (active != from || from.reloadBeforeInstalled.getAndSet(null) == null) {
                return;
            }
        }
        reload(reason);
    }

    private void reload(String reason) {
        ProviderEntry current = provider;
        if (current != null && !closed) {
            LOG.info("stream " + stream.streamId() + " node " + plan.name() + ": reloading: " + reason);
            try {
                replaceAsync(current, stream.control());
            } catch (RejectedExecutionException e) {
                reloading = false; // the engine is shutting down: the stream goes with it
            }
        }
    }

    private boolean lockInterruptibly() throws InterruptedException {
        lock.lockInterruptibly();
        return true;
    }

    private StageMode missingMode() {
        return plan.missing() == MissingProviderPolicy.BYPASS ? StageMode.BYPASSED : StageMode.HELD;
    }

    /** The node's values over the defaults of the provider's own descriptor (a newer version may add properties). */
    private static Map<String, Object> complete(ProviderEntry entry, Map<String, Object> values) {
        Map<String, Object> complete = new HashMap<>();
        for (PropertyDescriptor p : entry.descriptor().properties()) {
            if (p.defaultValue() != null) {
                complete.put(p.name(), PropertyCoercer.coerce(p, p.defaultValue()));
            }
        }
        complete.putAll(values);
        return complete;
    }

    private Stage create(ProviderEntry entry, Map<String, Object> values, SlotContext context) throws Exception {
        Stage s = entry.provider().create();
        s.configure(context, new StageProperties(complete(entry, values)));
        s.start();
        return s;
    }

    /** Stops the instance for good; called after the frame thread has ended. */
    void close() {
        Stage old;
        Frame held;
        generation.incrementAndGet();
        lock.lock();
        try {
            closed = true;
            old = instance;
            instance = null;
            active = null;
            held = lastOutput;
            lastOutput = null;
        } finally {
            lock.unlock();
        }
        stopQuietly(old);
        if (held != null) {
            held.release();
        }
    }

    private void stopQuietly(Stage s) {
        if (s != null) {
            try {
                s.stop();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "stream " + stream.streamId() + " node " + plan.name() + ": stop failed", e);
            }
        }
    }

    StageStatus status() {
        double[] p = stats.percentiles();
        ProviderEntry current = provider;
        StageMode m = mode();
        SlotContext c = active;
        String using = c == null ? null : c.using;
        String label = m != StageMode.ACTIVE || current == null ? null
                : using == null ? current.label() : current.label() + " (" + using + ")";
        return new StageStatus(plan.name(), type(), label, m, reloading, stats.fps(), p[0], p[1],
                input == null ? 0 : input.depth(), input == null ? 0 : input.capacity(), stats.processed(),
                stageDrops.sum() + (input == null ? 0 : input.drops()), stats.errors(), stats.lastError(),
                expectedFrames, m == StageMode.ACTIVE ? using : null, stats.histogram());
    }
}
