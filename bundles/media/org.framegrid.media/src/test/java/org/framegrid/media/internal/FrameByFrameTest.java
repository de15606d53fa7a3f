package org.framegrid.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.channel.MemorySegmentChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live codec path holds no frame back: encoder, MPEG-TS muxer, segment channel, demuxer and decoder hand each
 * frame on as soon as its own bytes exist. The writer writes frame N+1 only once the reader has decoded frame N, so a
 * stage anywhere on the path that waited for the next frame (the muxer's I/O buffer, a PES without its length, the
 * demuxer's parser, probing, frame-threaded decoding) would leave the reader waiting for good. Not timed: the waits
 * are bounds for a failure, not measurements.
 */
@Timeout(60)
class FrameByFrameTest {
    static final int W = 320;
    static final int H = 240;
    static final int FPS = 30;

    @Test
    void eachFrameIsDecodedBeforeTheNextIsEncoded() throws Exception {
        MemorySegmentChannel channel = new MemorySegmentChannel("live", 5);
        LinkedBlockingQueue<Long> decoded = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().name("frame-by-frame-reader").start(() -> {
            try {
                new SegmentDecoder(channel).run(0, 10, TimeUnit.SECONDS,
                        r -> decoded.add(Math.round(r.ptsNanos() * FPS / 1e9)));
            } catch (Exception e) {
                decoded.add(-1L);
            }
        });
        int frames = 2 * FPS + 5; // across a segment boundary and a forced key frame
        MediaWriter writer = MediaWriter.toSegments("live", seq -> channel.publish(), 1.0,
                EncoderSettings.lowLatency(1_000_000, 1.0, FPS), null);
        ByteBuffer rgb = ByteBuffer.allocateDirect(W * H * 3);
        try {
            for (int i = 0; i < frames; i++) {
                Synthetic.pattern(rgb, W, H, i);
                writer.writePicture(rgb, PixelLayout.RGB24, W, H, i * 1_000_000_000L / FPS);
                Long n = decoded.poll(10, TimeUnit.SECONDS);
                assertEquals(Long.valueOf(i), n, "frame " + i + " decoded before frame " + (i + 1) + " was written");
            }
        } finally {
            writer.close();
            channel.close();
            reader.join(10_000);
        }
        assertTrue(decoded.isEmpty(), "no picture beyond the frames written: " + decoded);
    }
}
