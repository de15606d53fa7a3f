package org.framegrid.trickle.channel;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory channel of numbered segments, trickle-style: a segment's bytes are readable while it is still being
 * written, a reader blocks for the rest, and only the last {@code retain} segments are kept. The transport feeds one
 * of these; the {@code decode} stage decodes from it. A writer that gives up on a segment ({@link Writer#abort})
 * makes readers of that segment fail with "truncated", which the decoder counts and skips.
 *
 * <p>Memory is bounded too: the kept segments hold at most {@code maxBytes} together (older ones are dropped
 * early to make room), and a segment that alone would hold more is refused with a {@link ChannelFullException}.
 *
 * <p>Thread-safe: one writer, any number of readers.
 */
public final class MemorySegmentChannel implements SegmentChannel {
    /** The memory bound of a channel made without one. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    private final String name;
    private final int retain;
    private final long maxBytes;
    private final ArrayDeque<Buffer> segments = new ArrayDeque<>();
    private long nextSequence;
    private boolean closed;

    /**
     * @param name the channel's name
     * @param retain how many of the newest segments are kept for late readers (at least 1; trickle keeps 5)
     */
    public MemorySegmentChannel(String name, int retain) {
        this(name, retain, DEFAULT_MAX_BYTES);
    }

    /**
     * @param name the channel's name
     * @param retain how many of the newest segments are kept for late readers (at least 1; trickle keeps 5)
     * @param maxBytes the most bytes the kept segments hold together
     * @since 1.1
     */
    public MemorySegmentChannel(String name, int retain, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("channel " + name + ": max bytes must be positive, not " + maxBytes);
        }
        this.name = name;
        this.retain = Math.max(1, retain);
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized Writer publish() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        Buffer s = new Buffer(name + "/" + nextSequence, nextSequence++);
        segments.add(s);
        while (segments.size() > retain) {
            segments.poll();
        }
        notifyAll();
        return new Writer(this, s);
    }

    /**
     * Makes room for {@code len} more bytes of {@code segment} (the newest): older segments are dropped while the kept
     * ones would hold more than {@code maxBytes}.
     *
     * @throws ChannelFullException if {@code segment} alone would hold more
     */
    private synchronized void reserve(Buffer segment, int len) {
        long after = segment.size() + (long) len;
        if (after > maxBytes) {
            throw new ChannelFullException(segment.name + " would hold " + after + " bytes, over the channel's "
                    + maxBytes);
        }
        long held = len;
        for (Buffer b : segments) {
            held += b.size();
        }
        while (held > maxBytes && segments.peek() != segment) {
            held -= segments.poll().size();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    @Override
    public synchronized boolean closed() {
        return closed;
    }

    @Override
    public synchronized Segment await(long sequence, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            for (Buffer s : segments) {
                if (s.sequence >= sequence) {
                    return new Segment(s.name, s.sequence, s.stream());
                }
            }
            long left = deadline - System.nanoTime();
            if (closed || left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public synchronized Segment latest(long timeout, TimeUnit unit) throws InterruptedException {
        if (await(0, timeout, unit) == null) {
            return null; // no segment yet, or closed
        }
        Buffer s = segments.peekLast(); // the lock is held: the window is as await left it
        return new Segment(s.name, s.sequence, s.stream());
    }

    /** The writing end of one segment. */
    public static final class Writer extends SegmentWriter {
        private final MemorySegmentChannel channel;
        private final Buffer segment;

        Writer(MemorySegmentChannel channel, Buffer segment) {
            this.channel = channel;
            this.segment = segment;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /** @throws ChannelFullException if the segment would hold more than the channel's memory bound */
        @Override
        public void write(byte[] b, int off, int len) {
            channel.reserve(segment, len);
            segment.append(b, off, len);
        }

        /** Completes the segment. */
        @Override
        public void close() {
            segment.finish(false);
        }

        @Override
        public void abort() {
            segment.finish(true);
        }
    }

    /** One segment's bytes, growing while it is written. */
    private static final class Buffer {
        final String name;
        final long sequence;
        private byte[] bytes = new byte[64 * 1024];
        private int size;
        private boolean done;
        private boolean aborted;

        Buffer(String name, long sequence) {
            this.name = name;
            this.sequence = sequence;
        }

        synchronized void append(byte[] b, int off, int len) {
            if (done) {
                throw new IllegalStateException(name + " is already complete");
            }
            if (size + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len));
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
            notifyAll();
        }

        synchronized int size() {
            return size;
        }

        synchronized void finish(boolean abort) {
            if (!done) {
                done = true;
                aborted = abort;
                notifyAll();
            }
        }

        /** Reads into {@code b} from {@code position}, blocking until bytes or the end arrive. */
        synchronized int read(int position, byte[] b, int off, int len) throws IOException {
            while (position >= size && !done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(name + ": interrupted");
                }
            }
            if (position >= size) {
                if (aborted) {
                    throw new IOException("segment truncated by its writer");
                }
                return -1;
            }
            int n = Math.min(len, size - position);
            System.arraycopy(bytes, position, b, off, n);
            return n;
        }

        synchronized int available(int position) {
            return Math.max(0, size - position);
        }

        InputStream stream() {
            return new InputStream() {
                private int position;

                /** The bytes written and not yet read: a live reader that has some is behind the writer. */
                @Override
                public int available() {
                    return Buffer.this.available(position);
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    int n = Buffer.this.read(position, b, off, len);
                    if (n > 0) {
                        position += n;
                    }
                    return n;
                }
            };
        }
    }
}
