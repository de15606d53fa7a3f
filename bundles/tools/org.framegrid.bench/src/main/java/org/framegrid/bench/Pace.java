package org.framegrid.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a deadline: parks for most of it (a spinning source would take a core from the stages it feeds), then
 * spins the last 100 µs (park granularity would add its own jitter to the latency figures).
 */
final class Pace {
    private static final long SPIN_NANOS = 100_000;

    private Pace() {
    }

    static void until(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(left - SPIN_NANOS);
        }
        while (System.nanoTime() < deadlineNanos) {
            Thread.onSpinWait();
        }
    }
}
