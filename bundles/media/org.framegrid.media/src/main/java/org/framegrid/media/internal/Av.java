package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** Small helpers over the FFmpeg C API that every reader and writer needs. */
final class Av {
    /** Nanosecond time base: the engine's clock unit. */
    static final AVRational NANOS = rational(1, 1_000_000_000);

    private Av() {
    }

    static AVRational rational(int num, int den) {
        AVRational r = new AVRational();
        r.num(num);
        r.den(den);
        return r;
    }

    /** @return FFmpeg's text for an error code, e.g. "Invalid data found when processing input" */
    static String error(int code) {
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
