package org.framegrid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Await returns once the condition holds and fails, naming what it waited for, once the deadline passes. */
class AwaitTest {

    @Test
    void returnsOnceAnotherThreadMakesTheConditionTrue() throws InterruptedException {
        AtomicInteger frames = new AtomicInteger();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 5; i++) {
                frames.incrementAndGet();
            }
        });
        Await.until("5 frames", 5_000, () -> frames.get() == 5);
        producer.join();
    }

    @Test
    void failsNamingWhatWasAwaitedAndWhatWasSeen() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Await.until("30 frames at the sink", 20, () -> false, () -> "frames collected: 3"));
        assertEquals("timed out after 20 ms waiting for 30 frames at the sink: frames collected: 3", e.getMessage());
        e = assertThrows(AssertionError.class, () -> Await.until("ONLINE", 20, () -> false));
        assertEquals("timed out after 20 ms waiting for ONLINE", e.getMessage());
    }
}
