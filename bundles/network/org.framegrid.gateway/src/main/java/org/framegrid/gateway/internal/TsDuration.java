package org.framegrid.gateway.internal;

/**
 * How long an MPEG-TS segment plays, from the presentation times of its PES headers (every stream's): the span from
 * the first to the last, plus one frame at 30 fps, which HLS's {@code #EXTINF} wants.
 */
final class TsDuration {
    static final int PACKET = 188;
    /** No presentation time in a packet. */
    static final long NONE = -1;
    private static final double CLOCK = 90_000.0;
    private static final double FRAME = 1 / 30.0;

    private TsDuration() {
    }

    /** @return the segment's duration in seconds; 1 when it holds no presentation time */
    static double seconds(byte[] ts) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int at = 0; at + PACKET <= ts.length; at += PACKET) {
            long pts = pts(ts, at, false);
            if (pts != NONE) {
                min = Math.min(min, pts);
                max = Math.max(max, pts);
            }
        }
        return min > max ? 1 : (max - min) / CLOCK + FRAME;
    }

    /**
     * @param ts bytes holding a whole TS packet at {@code at}
     * @param videoOnly whether only a video PES (stream id 0xE0–0xEF) counts
     * @return the presentation time (90 kHz) of the PES that the packet starts, or {@link #NONE}
     */
    static long pts(byte[] ts, int at, boolean videoOnly) {
        if (ts[at] != 0x47 || (ts[at + 1] & 0x40) == 0) {
            return NONE; // not a packet that starts a PES
        }
        int payload = at + 4;
        int adaptation = (ts[at + 3] >> 4) & 0x3;
        if (adaptation == 2) {
            return NONE; // adaptation field only
        }
        if (adaptation == 3) {
            payload += 1 + (ts[at + 4] & 0xff);
        }
        if (payload + 14 > at + PACKET || ts[payload] != 0 || ts[payload + 1] != 0 || ts[payload + 2] != 1
                || (ts[payload + 7] & 0x80) == 0) {
            return NONE; // a section (PAT, PMT) or a PES without a presentation time
        }
        if (videoOnly && (ts[payload + 3] & 0xf0) != 0xe0) {
            return NONE; // audio or data
        }
        return ((long) (ts[payload + 9] & 0x0e) << 29) | ((ts[payload + 10] & 0xff) << 22)
                | ((ts[payload + 11] & 0xfe) << 14) | ((ts[payload + 12] & 0xff) << 7)
                | ((ts[payload + 13] & 0xfe) >> 1);
    }
}
