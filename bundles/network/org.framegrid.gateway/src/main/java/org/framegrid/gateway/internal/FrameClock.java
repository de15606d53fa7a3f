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

    private final byte[] packet = new byte[TsDuration.PACKET];
    private final long[] steps = new long[KEPT];
    private int filled; // bytes of the current packet seen
    private long lastPts = TsDuration.NONE;
    private int count;
    private int next;
    private volatile long intervalNanos;

    /** A new input segment begins: it begins with a whole packet. */
    synchronized void segmentStarted() {
        filled = 0;
    }

    /** Input bytes of the current segment, as they arrive. */
    synchronized void bytes(byte[] b, int off, int len) {
        for (int i = off; i < off + len; ) {
            int n = Math.min(TsDuration.PACKET - filled, off + len - i);
            System.arraycopy(b, i, packet, filled, n);
            filled += n;
            i += n;
            if (filled == TsDuration.PACKET) {
                filled = 0;
                frame(TsDuration.pts(packet, 0, true));
            }
        }
    }

    private void frame(long pts) {
        if (pts == TsDuration.NONE) {
            return;
        }
        long step = pts - lastPts;
        boolean counts = lastPts != TsDuration.NONE && step > 0 && step <= MAX_STEP;
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
