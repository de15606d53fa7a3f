package org.framegrid.gateway.internal;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.framegrid.gateway.embedded.GatewaySettings;

/**
 * How long a session may go without output while input flows before its orchestrator counts as stalled: {@code
 * stall.frames} of the input's frame intervals ({@link FrameClock}), never under {@value #FLOOR_MILLIS} ms; {@code
 * stall.millis} while the input's frame rate is not known (input without MPEG-TS timestamps); and a session's first
 * output gets {@value #FIRST_OUTPUT_PERIODS} times {@code stall.millis}, since a fresh session may load its models.
 *
 * @param nanos the limit
 * @param why how it was reached, for the failure line
 */
record StallLimit(long nanos, String why) {
    /** Never shorter: output crosses two HTTP hops and a pipeline, which may pause for a GC or a scheduler. */
    static final long FLOOR_MILLIS = 300;
    /** A fresh session first loads its models and fills its first frames: it gets this many stall periods. */
    static final int FIRST_OUTPUT_PERIODS = 3;

    /**
     * @param intervalNanos the input's frame interval, 0 while unknown
     * @param firstOutput whether the session has not sent output yet
     */
    static StallLimit of(GatewaySettings settings, long intervalNanos, boolean firstOutput) {
        if (firstOutput) {
            long millis = FIRST_OUTPUT_PERIODS * settings.stallMillis();
            return new StallLimit(TimeUnit.MILLISECONDS.toNanos(millis), "limit " + millis
                    + " ms before a session's first output");
        }
        if (intervalNanos <= 0) {
            return new StallLimit(TimeUnit.MILLISECONDS.toNanos(settings.stallMillis()), "limit "
                    + settings.stallMillis() + " ms: the input's frame rate is not known");
        }
        long frames = settings.stallFrames() * intervalNanos;
        long nanos = Math.max(frames, TimeUnit.MILLISECONDS.toNanos(FLOOR_MILLIS));
        String floor = nanos > frames ? ", raised to the " + FLOOR_MILLIS + " ms floor" : "";
        return new StallLimit(nanos, String.format(Locale.ROOT, "limit %d ms: %d input frame intervals of %.1f ms%s",
                Math.round(nanos / 1e6), settings.stallFrames(), intervalNanos / 1e6, floor));
    }
}
