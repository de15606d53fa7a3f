package org.framegrid.media.internal;

import org.bytedeco.ffmpeg.avutil.AVRational;

/** FFmpeg rationals (time bases, frame rates) made in one line. */
final class AvRationals {
    /** Nanosecond time base: the engine's clock unit. */
    static final AVRational NANOS = of(1, 1_000_000_000);

    private AvRationals() {
    }

    static AVRational of(int num, int den) {
        AVRational r = new AVRational();
        r.num(num);
        r.den(den);
        return r;
    }
}
