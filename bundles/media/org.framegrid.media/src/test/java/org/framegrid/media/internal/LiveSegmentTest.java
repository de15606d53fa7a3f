package org.framegrid.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.channel.MemorySegmentChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Live segments through the in-memory channel: streamed decoding, and bad segments skipped and counted. */
@Timeout(60)
class LiveSegmentTest {
    static final int W = 320;
    static final int H = 240;
    static final int FPS = 25;

    /** Encodes {@code seconds} of the pattern into 1 s segments kept in memory. */
    static List<byte[]> segments(int seconds) throws Exception {
        return Synthetic.segments("live", W, H, FPS, seconds, 1_000_000);
    }

    @Test
    void decodingStartsBeforeTheSegmentIsComplete() throws Exception {
        byte[] segment = segments(1).get(0);
        MemorySegmentChannel channel = new MemorySegmentChannel("in", 5);
        MemorySegmentChannel.Writer w = channel.publish();
        CountDownLatch firstPicture = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SegmentDecoder decoder = new SegmentDecoder(channel);
            Future<Long> run = pool.submit(() -> {
                decoder.run(0, 10, TimeUnit.SECONDS, reader -> firstPicture.countDown());
                return decoder.pictures();
            });
            int half = segment.length / 2;
            w.write(segment, 0, half);
            assertTrue(firstPicture.await(10, TimeUnit.SECONDS),
                    "a picture was decoded from the first half of the segment (" + half + " of " + segment.length + " bytes)");
            w.write(segment, half, segment.length - half);
            w.close();
            channel.close();
            assertEquals(FPS, run.get(20, TimeUnit.SECONDS));
            assertEquals(0, decoder.badSegments());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void corruptAndTruncatedSegmentsAreSkippedAndCounted() throws Exception {
        List<byte[]> segs = segments(5);
        MemorySegmentChannel channel = new MemorySegmentChannel("in", 10);
        for (int s = 0; s < segs.size(); s++) {
            MemorySegmentChannel.Writer w = channel.publish();
            byte[] bytes = segs.get(s);
            if (s == 1) {
                // Garbage of the same length in the middle of the stream.
                byte[] junk = new byte[bytes.length];
                new java.util.Random(42).nextBytes(junk);
                w.write(junk, 0, junk.length);
                w.close();
            } else if (s == 3) {
                // The publisher drops out a third of the way through (trickle drops the rest of such a segment).
                w.write(bytes, 0, bytes.length / 3);
                w.abort();
            } else {
                w.write(bytes, 0, bytes.length);
                w.close();
            }
        }
        channel.close();
        SegmentDecoder decoder = new SegmentDecoder(channel);
        List<String> errors = new ArrayList<>();
        List<Long> pts = new ArrayList<>();
        decoder.run(0, 5, TimeUnit.SECONDS, new SegmentDecoder.Receiver() {
            @Override
            public void picture(MediaReader reader) {
                pts.add(reader.ptsNanos());
            }

            @Override
            public void skipped(String error) {
                errors.add(error);
            }
        });
        System.out.println("skipped: " + errors);
        assertEquals(2, decoder.badSegments(), "garbage and truncated segment counted");
        assertEquals(3, decoder.goodSegments());
        assertEquals(2, errors.size());
        assertTrue(errors.get(0).startsWith("in/1: "), errors.get(0));
        assertTrue(errors.get(1).startsWith("in/3: truncated"), errors.get(1));
        // Segment 4 (frames 100..124) decodes after the bad ones.
        long lastIndex = Math.round(pts.get(pts.size() - 1) * FPS / 1e9);
        assertEquals(5 * FPS - 1, lastIndex);
        long fromGoodSegments = pts.stream().filter(p -> {
            long i = Math.round(p * FPS / 1e9);
            return i < 25 || (i >= 50 && i < 75) || i >= 100;
        }).count();
        assertEquals(3 * FPS, fromGoodSegments, "all frames of the intact segments");
    }
}
