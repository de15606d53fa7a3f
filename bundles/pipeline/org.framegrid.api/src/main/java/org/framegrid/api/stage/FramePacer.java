package org.framegrid.api.stage;

import java.time.Duration;

/**
 * The clock of a source that emits frames in real time ({@link Stage#process} blocks until its next frame is due):
 * the first call returns at once, each later one when one interval has passed since the previous frame was due. After
 * a stall the clock restarts rather than emit a burst of late frames. One instance per stage instance; not
 * thread-safe (the engine never calls one stage concurrently).
 *
 * @since 1.6
 */
public final class FramePacer {

    private long next;

    /**
     * Blocks until the next frame is due.
     *
     * @param intervalNanos the time between two frames, in nanoseconds
     * @throws InterruptedException when the stage's thread is interrupted while waiting
     */
    public void await(long intervalNanos) throws InterruptedException {
        long now = System.nanoTime();
        if (next == 0) {
            next = now;
        }
        if (next > now) {
            Thread.sleep(Duration.ofNanos(next - now));
        }
        next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
    }
}
