package org.framegrid.pipeline.engine.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting for tests. */
final class Await {
    private Await() {
    }

    static void until(String what, long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + millis + " ms waiting for " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    static void until(String what, long millis, BooleanSupplier condition, Supplier<String> detail) {
        try {
            until(what, millis, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + detail.get(), e);
        }
    }

    /** @return the stream's last state once the listener thread delivered the events queued before this call */
    static org.framegrid.api.pipeline.StreamState lastEventually(StatusLog log, String stream) {
        until("a STOPPED event for " + stream, 2000,
                () -> log.last(stream) == org.framegrid.api.pipeline.StreamState.STOPPED);
        return log.last(stream);
    }
}
