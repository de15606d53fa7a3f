package org.framegrid.gateway.internal;

import java.util.Arrays;

/**
 * A stream's frame clock, read from its input as it flows: the presentation times of the video PES headers in the
 * app's MPEG-TS segments give the frame interval (the median of the last {@value #KEPT} steps from one frame to the
 * next, so a skipped frame or a segment cut does not move it). The stall check states its limit in these intervals.
 * Input that carries no MPEG-TS timestamps leaves the interval unknown. Thread-safe.
 */
final class FrameClock {
    /** Steps kept for the median. */
    static final int KEPT = 15;
    /** A step over a second is a gap (a failover, a skip to the live edge), not the frame rate. */
    private static final long MAX_STEP = 90_000;

    private final TsPackets.Reader reader = new TsPackets.Reader((pts, nanos) -> frame(pts));
    private final long[] steps = new long[KEPT];
    private long lastPts = -1;
    private int count;
    private int next;
    private volatile long intervalNanos;

    /** A new input segment begins: it begins with a whole packet. */
    synchronized void segmentStarted() {
        reader.reset();
    }

    /** Input bytes of the current segment, as they arrive. */
    synchronized void bytes(byte[] b, int off, int len) {
        reader.feed(b, off, len, 0);
    }

    private void frame(long pts) {
        long step = pts - lastPts;
        boolean counts = lastPts >= 0 && step > 0 && step <= MAX_STEP;
        lastPts = pts;
        if (!counts) {
            return;
        }
        steps[next] = step;
        next = (next + 1) % KEPT;
        count = Math.min(count + 1, KEPT);
        long[] sorted = Arrays.copyOf(steps, count);
        Arrays.sort(sorted);
        intervalNanos = sorted[count / 2] * 1_000_000_000L / 90_000;
    }

    /** @return the input's frame interval, or 0 while unknown */
    long intervalNanos() {
        return intervalNanos;
    }
}
