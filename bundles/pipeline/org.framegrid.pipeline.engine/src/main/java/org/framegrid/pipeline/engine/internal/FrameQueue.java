package org.framegrid.pipeline.engine.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.pipeline.QueuePolicy;

/**
 * The bounded queue in front of a node: the only place frames cross threads. {@code LATEST} drops (and releases) the
 * oldest frame when full, like GStreamer's {@code leaky=downstream} queue; {@code BLOCK} makes the producer wait. A ring
 * array under one lock, so that a put or take allocates nothing.
 */
final class FrameQueue {
    /**
     * How long a taker spins before it parks. Waking a parked thread costs tens of microseconds per stage, which is
     * most of the engine's added latency; a frame usually arrives within this window when stages are busy. Only on
     * machines with cores to spare: on one or two cores a spinning taker steals time from the producer it waits for.
     * The system property {@code framegrid.engine.spin-us} overrides it (the benchmark compares both).
     */
    private static final long SPIN_NANOS = 1000 * Long.getLong("framegrid.engine.spin-us",
            Runtime.getRuntime().availableProcessors() > 2 ? 20 : 0);
    private final QueuePolicy policy;
    private final Frame[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int size;
    /** {@code size} for the lock-free look of a spinning taker. */
    private volatile int visibleSize;
    private volatile boolean closed;
    /** No more puts; take() hands out what is left, then null (end of stream). Guarded by the lock. */
    private boolean finishing;
    private volatile long drops;

    FrameQueue(QueuePolicy policy, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity " + capacity);
        }
        this.policy = policy;
        this.ring = new Frame[capacity];
    }

    QueuePolicy policy() {
        return policy;
    }

    int capacity() {
        return ring.length;
    }

    long drops() {
        return drops;
    }

    int depth() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands a frame reference to the queue. On a closed queue the frame is released at once.
     *
     * @return false if the queue was closed
     */
    boolean put(Frame frame) throws InterruptedException {
        Frame dropped = null;
        lock.lock();
        try {
            if (policy == QueuePolicy.BLOCK) {
                while (size == ring.length && !closed) {
                    try {
                        notFull.await();
                    } catch (InterruptedException e) {
                        frame.release(); // the caller handed its reference over: do not leak it
                        throw e;
                    }
                }
            } else if (size == ring.length) {
                dropped = ring[head];
                ring[head] = null;
                head = (head + 1) % ring.length;
                size--;
                drops++; // volatile for status readers; only ever written under the lock
            }
            if (closed || finishing) {
                dropped = frame;
                frame = null;
            } else {
                ring[(head + size) % ring.length] = frame;
                size++;
                visibleSize = size;
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
        if (dropped != null) {
            dropped.release();
        }
        return frame != null;
    }

    /** @return the oldest frame (the caller owns its reference), or {@code null} once the queue is closed */
    Frame take() throws InterruptedException {
        if (SPIN_NANOS > 0 && visibleSize == 0) {
            long end = System.nanoTime() + SPIN_NANOS;
            while (visibleSize == 0 && !closed && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
        lock.lock();
        try {
            while (size == 0 && !closed && !finishing) {
                notEmpty.await();
            }
            if (closed || size == 0) { // closed, or finishing and drained
                return null;
            }
            Frame frame = ring[head];
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
            visibleSize = size;
            notFull.signal();
            return frame;
        } finally {
            lock.unlock();
        }
    }

    /**
     * End of stream: later puts release their frame, and {@link #take()} returns the frames still queued, then
     * {@code null}. Idempotent.
     */
    void finish() {
        lock.lock();
        try {
            finishing = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter and releases the queued frames; later puts release their frame. Idempotent. */
    void close() {
        Frame[] left;
        lock.lock();
        try {
            closed = true;
            left = new Frame[size];
            for (int i = 0; i < size; i++) {
                left[i] = ring[(head + i) % ring.length];
                ring[(head + i) % ring.length] = null;
            }
            size = 0;
            visibleSize = 0;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        for (Frame f : left) {
            f.release();
        }
    }
}
