package org.framegrid.webrtc.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Counts video frames and their rate over the last two seconds, for peer stats. Thread-safe. */
final class FrameMeter {
    private static final long WINDOW_NANOS = 2_000_000_000L;
    private final AtomicLong frames = new AtomicLong();
    private volatile int width;
    private volatile int height;
    private volatile double fps;
    private long windowStart = System.nanoTime();
    private long windowFrames;
    private volatile long lastNanos;

    void frame(int w, int h) {
        lastNanos = System.nanoTime();
        frames.incrementAndGet();
        width = w;
        height = h;
        synchronized (this) {
            windowFrames++;
            long now = System.nanoTime();
            if (now - windowStart >= WINDOW_NANOS) {
                fps = windowFrames * 1e9 / (now - windowStart);
                windowStart = now;
                windowFrames = 0;
            }
        }
    }

    /** @return how long since the last frame; 0 before the first */
    long idleNanos() {
        long last = lastNanos;
        return last == 0 ? 0 : System.nanoTime() - last;
    }

    long frames() {
        return frames.get();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** @return frames per second over the last full window; 0 when frames stopped for a whole window */
    double fps() {
        synchronized (this) {
            return System.nanoTime() - windowStart > 2 * WINDOW_NANOS ? 0 : fps;
        }
    }
}
