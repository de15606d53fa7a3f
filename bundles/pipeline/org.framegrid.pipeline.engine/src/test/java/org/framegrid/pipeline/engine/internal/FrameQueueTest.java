package org.framegrid.pipeline.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FrameQueueTest {
    private final DirectFramePool pool = new DirectFramePool(8);

    private Frame frame(long seq) {
        PooledFrame f = (PooledFrame) pool.acquire(PixelFormat.GRAY8, 4, 4);
        f.stamp("s", seq);
        return f;
    }

    @Test
    void latestDropsTheOldestAndCountsAndReleasesIt() throws Exception {
        FrameQueue q = new FrameQueue(QueuePolicy.LATEST, 2);
        for (int i = 0; i < 5; i++) {
            assertTrue(q.put(frame(i)));
        }
        assertEquals(3, q.drops());
        assertEquals(2, pool.outstanding(), "dropped frames go back to the pool");
        Frame a = q.take();
        Frame b = q.take();
        assertEquals(3, a.sequence());
        assertEquals(4, b.sequence());
        a.release();
        b.release();
        assertEquals(0, pool.outstanding());
    }

    @Test
    void blockLosesNothingAndKeepsOrder() throws Exception {
        FrameQueue q = new FrameQueue(QueuePolicy.BLOCK, 2);
        int n = 500;
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    q.put(frame(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Long> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % 50 == 0) {
                Thread.sleep(2); // a slow consumer: the producer must wait, not drop
            }
            Frame f = q.take();
            got.add(f.sequence());
            f.release();
        }
        producer.join(5000);
        assertFalse(producer.isAlive());
        assertEquals(0, q.drops());
        for (int i = 0; i < n; i++) {
            assertEquals(i, got.get(i));
        }
        assertEquals(0, pool.outstanding());
    }

    /** A full blocking queue of one, and a producer blocked putting a second frame into it. */
    private record Blocked(FrameQueue queue, Thread producer) {
    }

    private Blocked blockedProducer() throws Exception {
        FrameQueue q = new FrameQueue(QueuePolicy.BLOCK, 1);
        q.put(frame(0));
        Thread blocked = Thread.ofPlatform().start(() -> {
            try {
                q.put(frame(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Await.until("producer to block", 2000, () -> blocked.getState() == Thread.State.WAITING);
        return new Blocked(q, blocked);
    }

    @Test
    void anInterruptedBlockedPutReleasesItsFrame() throws Exception {
        Blocked b = blockedProducer();
        b.producer().interrupt();
        b.producer().join(2000);
        assertEquals(1, pool.outstanding(), "only the queued frame is still borrowed");
        b.queue().take().release();
    }

    @Test
    void closeWakesWaitersAndReleasesQueuedFrames() throws Exception {
        Blocked b = blockedProducer();
        b.queue().close();
        b.producer().join(2000);
        assertFalse(b.producer().isAlive());
        assertNull(b.queue().take());
        assertEquals(0, pool.outstanding());
    }
}
