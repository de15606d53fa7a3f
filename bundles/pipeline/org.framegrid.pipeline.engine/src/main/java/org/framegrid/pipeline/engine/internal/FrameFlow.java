package org.framegrid.pipeline.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.pipeline.StageMode;

/**
 * How frames move through one stream: a frame thread per node, each taking from the node's input queue and putting
 * into the queues of the nodes it feeds; a {@code DIRECT} node has neither queue nor thread and runs on its upstream's
 * thread. (A DIRECT node fed by two threads is serialised by its slot's lock; its statistics may then miss a count.)
 * The engine owns these threads; they end when the stream is closed.
 *
 * <p>Frame ownership on the hot path: a thread owns the reference it took from its queue; after {@code process} it
 * releases the input unless the stage passed it on, and hands the output's reference to the downstream queues (one
 * extra reference per additional edge).
 */
final class FrameFlow {
    private static final Logger LOG = Logger.getLogger(FrameFlow.class.getName());

    private final StreamRunner stream;
    private final Engine engine;
    private final Map<StageSlot, Outputs> outputs = new HashMap<>();
    /** Producers of each queue: at end of stream a queue is finished when the last of them is done. */
    private final Map<FrameQueue, AtomicInteger> producers = new HashMap<>();
    /** Frame loops still running; when the last one has drained its input the stream has reached its end. */
    private final AtomicInteger liveLoops = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Thread> sourceThreads = new ArrayList<>();

    /** Where a node's output goes: the input queues of queued nodes, and the DIRECT nodes run in place. */
    private record Outputs(FrameQueue[] queues, StageSlot[] directs) {
        boolean terminal() {
            return queues.length == 0 && directs.length == 0;
        }
    }

    FrameFlow(StreamRunner stream, Engine engine, List<StageSlot> slots, Map<String, StageSlot> byName) {
        this.stream = stream;
        this.engine = engine;
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

    /** @return whether {@code slot}'s output leaves the stream (a sink, or a node that feeds nothing) */
    boolean terminal(StageSlot slot) {
        return outputs.get(slot).terminal();
    }

    /** Starts a thread per source and per queued node. */
    void start(List<StageSlot> slots) {
        for (StageSlot slot : slots) {
            Outputs outs = outputs.get(slot);
            String name = stream.streamId() + "-" + slot.plan.name();
            if (slot.plan.descriptor().source()) {
                sourceThreads.add(engine.newFrameThread(name, () -> sourceLoop(slot, outs)));
            } else if (slot.input != null) {
                threads.add(engine.newFrameThread(name, () -> nodeLoop(slot, outs)));
            } // else DIRECT: runs on its upstream's thread
        }
        threads.addAll(sourceThreads);
        liveLoops.set(threads.size());
        threads.forEach(Thread::start);
    }

    /**
     * Ends the frame threads: sources are interrupted (one may be waiting for its next frame time), queued nodes see
     * their closed queues. Waits until {@code deadlineNanos} at most, and names a thread that did not end.
     */
    void stop(List<StageSlot> slots, long deadlineNanos) {
        sourceThreads.forEach(Thread::interrupt);
        for (StageSlot slot : slots) {
            if (slot.input != null) {
                slot.input.close();
            }
        }
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warning("stream " + stream.streamId() + ": thread " + t.getName() + " did not end; its stage is stuck");
            }
        }
    }

    private void nodeLoop(StageSlot slot, Outputs outs) {
        try {
            while (stream.running()) {
                Frame in = slot.input.take();
                if (in == null) {
                    if (stream.running()) { // finished upstream (end of stream), not closed
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
            while (stream.running()) {
                Frame out = slot.process(null);
                if (slot.stats.takeStateChange()) {
                    stream.refreshState();
                }
                if (out != null) {
                    if (out instanceof PooledFrame pooled) {
                        pooled.stamp(stream.streamId(), sequence.getAndIncrement());
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
        if (liveLoops.decrementAndGet() == 0 && stream.running()) {
            LOG.info("stream " + stream.streamId() + " reached its end of stream");
            try {
                engine.control().execute(stream::close);
            } catch (RejectedExecutionException e) { // the engine is shutting down: close on a thread of our own
                Thread.ofPlatform().name(stream.streamId() + "-end").start(stream::close);
            }
        }
    }

    /**
     * Processes one frame the caller owns and passes the result on: the body of a node loop, and a DIRECT node. The
     * node's taps see the frame first.
     */
    private void run(StageSlot slot, Outputs outs, Frame in) throws InterruptedException {
        slot.taps.fire(stream.streamId(), slot.plan.name(), in, slot.stats);
        Frame out = slot.process(in);
        if (out != in) {
            in.release();
        }
        if (slot.stats.takeStateChange()) {
            stream.refreshState();
        }
        emit(outs, out);
    }

    private void emit(Outputs outs, Frame out) throws InterruptedException {
        if (outs.terminal()) {
            stream.flowing();
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
}
