package org.framegrid.testing;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waiting for something another thread makes true: polls a condition until a deadline, and fails naming what
 * was awaited. Tests wait with this instead of sleeping and hoping, so a slow machine makes a test slower, not wrong,
 * and a broken one fails with a message instead of hanging.
 */
public final class Await {

    private static final long POLL_MILLIS = 2;

    private Await() {
    }

    /**
     * @param what what is awaited, for the failure message ("30 frames at the sink")
     * @param millis the longest wait
     * @param condition true once it happened
     * @throws AssertionError naming {@code what} when the deadline passes first
     */
    public static void until(String what, long millis, BooleanSupplier condition) {
        until(what, millis, condition, () -> "");
    }

    /**
     * As {@link #until(String, long, BooleanSupplier)}, with {@code detail} (what was seen instead) added to the
     * failure message.
     */
    public static void until(String what, long millis, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String seen = detail.get();
                throw new AssertionError("timed out after " + millis + " ms waiting for " + what
                        + (seen.isEmpty() ? "" : ": " + seen));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
