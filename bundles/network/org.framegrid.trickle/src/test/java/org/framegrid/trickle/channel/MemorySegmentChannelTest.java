package org.framegrid.trickle.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live edge of the in-memory channel: what a late reader and a failed-over stream resume from. */
@Timeout(10)
class MemorySegmentChannelTest {

    @Test
    void latestIsTheNewestSegmentEvenWhileItIsStillBeingWritten() throws Exception {
        MemorySegmentChannel channel = new MemorySegmentChannel("c", 3);
        assertNull(channel.latest(0, TimeUnit.MILLISECONDS), "no segment yet");
        for (int i = 0; i < 5; i++) {
            try (SegmentWriter w = channel.publish()) {
                w.write(i);
            }
        }
        SegmentWriter open = channel.publish();
        open.write(new byte[] {42, 43});
        SegmentChannel.Segment edge = channel.latest(0, TimeUnit.MILLISECONDS);
        assertEquals(5, edge.sequence());
        assertEquals("c/5", edge.name());
        open.close();
        assertArrayEquals(new byte[] {42, 43}, edge.bytes().readAllBytes());
        // A reader behind the kept window is moved forward to the oldest segment kept.
        assertEquals(3, channel.await(0, 0, TimeUnit.MILLISECONDS).sequence());
    }

    @Test
    void latestWaitsForTheFirstSegmentAndGivesUpWhenTheChannelCloses() throws Exception {
        MemorySegmentChannel channel = new MemorySegmentChannel("c", 5);
        CompletableFuture<SegmentChannel.Segment> first = latestInBackground(channel);
        channel.publish().close();
        assertEquals(0, first.get(5, TimeUnit.SECONDS).sequence());

        MemorySegmentChannel closing = new MemorySegmentChannel("d", 5);
        CompletableFuture<SegmentChannel.Segment> none = latestInBackground(closing);
        closing.close();
        assertNull(none.get(5, TimeUnit.SECONDS), "a closed channel without segments has no live edge");
    }

    /** Asks for the live edge on another thread, waiting up to 5 s for a first segment. */
    private static CompletableFuture<SegmentChannel.Segment> latestInBackground(SegmentChannel channel) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return channel.latest(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void keptSegmentsStayWithinTheMemoryBoundAndAnOversizedSegmentIsRefused() throws Exception {
        MemorySegmentChannel channel = new MemorySegmentChannel("c", 5, 100);
        for (int i = 0; i < 3; i++) {
            try (SegmentWriter w = channel.publish()) {
                w.write(new byte[40]);
            }
        }
        // 3 x 40 bytes is over 100: the oldest went early, though 5 may be kept.
        assertEquals(1, channel.await(0, 0, TimeUnit.MILLISECONDS).sequence());
        SegmentWriter big = channel.publish();
        big.write(new byte[60]);
        ChannelFullException full = assertThrows(ChannelFullException.class, () -> big.write(new byte[41]));
        assertTrue(full.getMessage().contains("c/3 would hold 101 bytes, over the channel's 100"), full.getMessage());
        assertEquals(2, channel.await(0, 0, TimeUnit.MILLISECONDS).sequence(), "40 + 60 fit: 2 and 3 are kept");
    }
}
