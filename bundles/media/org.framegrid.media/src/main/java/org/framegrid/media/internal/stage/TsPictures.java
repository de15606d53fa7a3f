package org.framegrid.media.internal.stage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the video pictures of an MPEG-TS segment without decoding it: the PES packets of video streams (stream ids
 * 0xE0 to 0xEF) that start in it, one per picture as muxers write them. What a decoder passing over a segment drops.
 */
final class TsPictures {
    private static final int PACKET = 188;

    private TsPictures() {
    }

    /** @return the video pictures that start in {@code ts}, up to where it ends or fails (an aborted segment) */
    static long count(InputStream ts) {
        long pictures = 0;
        byte[] p = new byte[PACKET];
        try (ts) {
            while (ts.readNBytes(p, 0, PACKET) == PACKET) {
                if (p[0] != 0x47 || (p[1] & 0x40) == 0) {
                    continue; // not in sync, or no payload unit starts here
                }
                int at = 4;
                if ((p[3] & 0x20) != 0) {
                    at += 1 + (p[4] & 0xff); // the adaptation field
                }
                if ((p[3] & 0x10) != 0 && at + 4 <= PACKET && p[at] == 0 && p[at + 1] == 0 && p[at + 2] == 1
                        && (p[at + 3] & 0xf0) == 0xe0) {
                    pictures++;
                }
            }
        } catch (IOException cut) {
            // an aborted segment: the pictures that started before the cut
        }
        return pictures;
    }
}
