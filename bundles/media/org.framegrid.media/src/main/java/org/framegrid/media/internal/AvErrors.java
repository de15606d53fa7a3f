package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg's error codes as the text operators read in one-line errors. */
final class AvErrors {
    private AvErrors() {
    }

    /** @return FFmpeg's text for an error code, e.g. "Invalid data found when processing input" */
    static String text(int code) {
        byte[] buf = new byte[256];
        if (av_strerror(code, buf, buf.length) < 0) {
            return "error " + code;
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
