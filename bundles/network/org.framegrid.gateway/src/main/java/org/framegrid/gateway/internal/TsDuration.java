package org.framegrid.gateway.internal;

/**
 * How long an MPEG-TS segment plays, from the presentation times of its PES headers (every stream's): the span from
 * the first to the last, plus one frame at 30 fps, which HLS's {@code #EXTINF} wants.
 */
final class TsDuration {
    private static final int PACKET = TsPackets.SIZE;
    private static final double CLOCK = 90_000.0;
    private static final double FRAME = 1 / 30.0;

    private TsDuration() {
    }

    /** @return the segment's duration in seconds; 1 when it holds no presentation time */
    static double seconds(byte[] ts) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int at = 0; at + PACKET <= ts.length; at += PACKET) {
            long pts = TsPackets.pts(ts, at, false);
            if (pts >= 0) {
                min = Math.min(min, pts);
                max = Math.max(max, pts);
            }
        }
        return min > max ? 1 : (max - min) / CLOCK + FRAME;
    }
}
