package org.framegrid.gateway.internal;

/**
 * MPEG-TS packets: the presentation time of a PES that starts in one (ISO/IEC 13818-1 §2.4.3 and §2.4.3.7), and a
 * reader that finds them in bytes as they stream past, packets cut anywhere between reads.
 */
final class TsPackets {
    static final int SIZE = 188;
    private static final byte SYNC = 0x47;

    private TsPackets() {
    }

    /**
     * @param at where the packet starts in {@code ts} ({@code at + SIZE <= ts.length})
     * @param videoOnly whether only a video PES (stream id 0xE0-0xEF) counts
     * @return the PTS (90 kHz ticks) of the PES starting in that packet, or -1 when none starts there or it has none
     */
    static long pts(byte[] ts, int at, boolean videoOnly) {
        if (ts[at] != SYNC || (ts[at + 1] & 0x40) == 0) {
            return -1; // not a packet that starts a PES
        }
        int payload = at + 4;
        int adaptation = (ts[at + 3] >> 4) & 0x3;
        if (adaptation == 2) {
            return -1; // adaptation field only
        }
        if (adaptation == 3) {
            payload += 1 + (ts[at + 4] & 0xff);
        }
        if (payload + 14 > at + SIZE || ts[payload] != 0 || ts[payload + 1] != 0 || ts[payload + 2] != 1
                || (ts[payload + 7] & 0x80) == 0) {
            return -1; // a section (PAT, PMT) or a PES without a presentation time
        }
        if (videoOnly && (ts[payload + 3] & 0xf0) != 0xe0) {
            return -1;
        }
        return ((long) (ts[payload + 9] & 0x0e) << 29) | ((ts[payload + 10] & 0xff) << 22)
                | ((ts[payload + 11] & 0xfe) << 14) | ((ts[payload + 12] & 0xff) << 7)
                | ((ts[payload + 13] & 0xfe) >> 1);
    }

    /** Where a {@link Reader} reports each video frame's presentation time, with when its bytes were read. */
    @FunctionalInterface
    interface Frames {
        void frame(long pts, long nanos);
    }

    /** Finds video presentation times in one byte stream; one thread feeds it at a time. */
    static final class Reader {
        private final byte[] packet = new byte[SIZE];
        private final Frames frames;
        private int filled;

        Reader(Frames frames) {
            this.frames = frames;
        }

        /** A new segment starts: a packet cut at the end of the last one is forgotten. */
        void reset() {
            filled = 0;
        }

        /** @param nanos when these bytes were read */
        void feed(byte[] b, int off, int len, long nanos) {
            int i = off;
            int end = off + len;
            while (i < end) {
                if (filled == 0 && b[i] != SYNC) {
                    i++; // out of step: look for the next packet
                    continue;
                }
                int n = Math.min(SIZE - filled, end - i);
                System.arraycopy(b, i, packet, filled, n);
                filled += n;
                i += n;
                if (filled == SIZE) {
                    filled = 0;
                    long pts = pts(packet, 0, true);
                    if (pts >= 0) {
                        frames.frame(pts, nanos);
                    }
                }
            }
        }
    }
}
