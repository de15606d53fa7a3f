package org.framegrid.pipeline.engine.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.MetaKey;
import org.framegrid.api.frame.PixelFormat;

/**
 * A frame whose direct buffer and metadata arrays are reused across borrowings, so that a recycled frame costs no
 * allocation. Metadata is a small array map: frames carry a handful of keys, where a hash map would allocate.
 */
final class PooledFrame implements Frame {
    private static final int MAX_PLANES = 3;

    private final DirectFramePool pool;
    private final ByteBuffer buffer;
    private final AtomicInteger refs = new AtomicInteger();
    private final int[] offsets = new int[MAX_PLANES];
    private final int[] strides = new int[MAX_PLANES];
    private PixelFormat format;
    private int width;
    private int height;
    private long pts;
    private String streamId = "";
    private long sequence;
    private MetaKey<?>[] keys = new MetaKey<?>[4];
    private Object[] values = new Object[4];
    private int metaCount;

    PooledFrame(DirectFramePool pool, ByteBuffer buffer) {
        this.pool = pool;
        this.buffer = buffer;
    }

    int capacity() {
        return buffer.capacity();
    }

    /** Prepares a recycled frame for a new borrower: header reset, metadata cleared, one reference. */
    void reset(PixelFormat format, int width, int height) {
        this.format = format;
        this.width = width;
        this.height = height;
        int offset = 0;
        for (int p = 0; p < format.planes(); p++) {
            offsets[p] = offset;
            strides[p] = format.minStride(p, width);
            offset += strides[p] * format.planeHeight(p, height);
        }
        pts = 0;
        streamId = "";
        sequence = 0;
        Arrays.fill(values, 0, metaCount, null);
        Arrays.fill(keys, 0, metaCount, null);
        metaCount = 0;
        refs.set(1);
    }

    /** Called by the engine as the frame leaves its source. */
    void stamp(String streamId, long sequence) {
        this.streamId = streamId;
        this.sequence = sequence;
    }

    void copyHeader(Frame from) {
        pts = from.pts();
        streamId = from.streamId();
        sequence = from.sequence();
        for (int i = 0; i < from.metaCount(); i++) {
            copyMeta(from, from.metaKey(i));
        }
    }

    private <T> void copyMeta(Frame from, MetaKey<T> key) {
        meta(key, from.meta(key));
    }

    @Override public PixelFormat format() { return format; }
    @Override public int width() { return width; }
    @Override public int height() { return height; }
    @Override public int offset(int plane) { return offsets[checkPlane(plane)]; }
    @Override public int stride(int plane) { return strides[checkPlane(plane)]; }
    @Override public ByteBuffer data() { return buffer; }
    @Override public long pts() { return pts; }
    @Override public void pts(long pts) { this.pts = pts; }
    @Override public String streamId() { return streamId; }
    @Override public long sequence() { return sequence; }
    @Override public int metaCount() { return metaCount; }
    @Override public int refCount() { return refs.get(); }

    private int checkPlane(int plane) {
        if (plane < 0 || plane >= format.planes()) {
            throw new IndexOutOfBoundsException("plane " + plane + " of " + format);
        }
        return plane;
    }

    @Override
    public <T> T meta(MetaKey<T> key) {
        for (int i = 0; i < metaCount; i++) {
            if (keys[i].equals(key)) {
                return key.type().cast(values[i]);
            }
        }
        return null;
    }

    @Override
    public <T> Frame meta(MetaKey<T> key, T value) {
        if (value != null && !key.type().isInstance(value)) {
            throw new ClassCastException(key.name() + " takes " + key.type().getName());
        }
        for (int i = 0; i < metaCount; i++) {
            if (keys[i].equals(key)) {
                if (value == null) {
                    metaCount--;
                    keys[i] = keys[metaCount];
                    values[i] = values[metaCount];
                    keys[metaCount] = null;
                    values[metaCount] = null;
                } else {
                    keys[i] = key;
                    values[i] = value;
                }
                return this;
            }
        }
        if (value != null) {
            if (metaCount == keys.length) {
                keys = Arrays.copyOf(keys, metaCount * 2);
                values = Arrays.copyOf(values, metaCount * 2);
            }
            keys[metaCount] = key;
            values[metaCount++] = value;
        }
        return this;
    }

    @Override
    public MetaKey<?> metaKey(int index) {
        if (index < 0 || index >= metaCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return keys[index];
    }

    @Override
    public Frame retain() {
        int n;
        do {
            n = refs.get();
            if (n <= 0) {
                throw new IllegalStateException("frame retained after its release");
            }
        } while (!refs.compareAndSet(n, n + 1));
        return this;
    }

    @Override
    public void release() {
        int n = refs.decrementAndGet();
        if (n == 0) {
            pool.recycle(this);
        } else if (n < 0) {
            refs.set(0);
            throw new IllegalStateException("frame released more often than retained");
        }
    }

    @Override
    public String toString() {
        return "Frame[" + streamId + "#" + sequence + " " + format + " " + width + "x" + height + "]";
    }
}
