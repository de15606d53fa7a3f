package org.framegrid.pipeline.engine.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;

/**
 * The engine-wide frame pool. Free frames are kept per exact buffer size (a stream uses a few fixed sizes), in
 * {@link ArrayDeque}s under one lock: unlike concurrent linked queues they allocate nothing once grown. Each size keeps
 * at most {@code maxFreePerSize} free frames; extra ones are left to the garbage collector, which frees direct memory.
 */
final class DirectFramePool implements FramePool {
    private final int maxFreePerSize;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong allocated = new AtomicLong();
    /** Bytes of the buffers this pool holds (borrowed or free); a buffer it lets go is subtracted. */
    private final AtomicLong bytesHeld = new AtomicLong();
    private Bucket[] buckets = new Bucket[0];

    private record Bucket(int size, ArrayDeque<PooledFrame> free) {
    }

    DirectFramePool(int maxFreePerSize) {
        this.maxFreePerSize = maxFreePerSize;
    }

    @Override
    public Frame acquire(PixelFormat format, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size " + width + "x" + height);
        }
        int size = format.byteSize(width, height);
        PooledFrame frame;
        synchronized (this) {
            frame = bucket(size).free.pollLast();
        }
        if (frame == null) {
            frame = new PooledFrame(this, ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder()));
            allocated.incrementAndGet();
            bytesHeld.addAndGet(size);
        }
        frame.reset(format, width, height);
        outstanding.incrementAndGet();
        return frame;
    }

    @Override
    public Frame acquire(PixelFormat format, int width, int height, Frame template) {
        PooledFrame frame = (PooledFrame) acquire(format, width, height);
        frame.copyHeader(template);
        return frame;
    }

    @Override
    public Frame copyOf(Frame source) {
        Frame copy = acquire(source.format(), source.width(), source.height(), source);
        // Plane layouts are identical (both tightly packed), so one bulk copy moves every plane.
        copy.data().put(0, source.data(), 0, source.format().byteSize(source.width(), source.height()));
        return copy;
    }

    void recycle(PooledFrame frame) {
        outstanding.decrementAndGet();
        synchronized (this) {
            ArrayDeque<PooledFrame> free = bucket(frame.capacity()).free;
            if (free.size() < maxFreePerSize) {
                free.addLast(frame);
            } else {
                bytesHeld.addAndGet(-frame.capacity());
            }
        }
    }

    /** Linear search: a pool sees a handful of sizes, and an Integer-keyed map would box on every lookup. */
    private Bucket bucket(int size) {
        for (Bucket b : buckets) {
            if (b.size == size) {
                return b;
            }
        }
        Bucket b = new Bucket(size, new ArrayDeque<>());
        buckets = Arrays.copyOf(buckets, buckets.length + 1);
        buckets[buckets.length - 1] = b;
        return b;
    }

    @Override
    public int outstanding() {
        return outstanding.get();
    }

    @Override
    public long allocated() {
        return allocated.get();
    }

    /** @return bytes of the buffers held, borrowed and free */
    long bytesHeld() {
        return bytesHeld.get();
    }
}
