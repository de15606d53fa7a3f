package org.framegrid.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Synthetic frames -> H.264 MPEG-TS segments -> decode -> the same frames (count, size, PSNR). */
@Timeout(60)
class SegmentRoundTripTest {
    static final int W = 320;
    static final int H = 240;
    static final int FPS = 25;

    @Test
    void framesSurviveEncodeToSegmentsAndDecode() throws Exception {
        int frames = 3 * FPS;
        List<byte[]> segments = Synthetic.segments("rt", W, H, FPS, 3, 1_500_000);
        assertEquals(3, segments.size(), "one segment per second");

        int decoded = 0;
        double worst = Double.MAX_VALUE;
        double sum = 0;
        ByteBuffer got = ByteBuffer.allocateDirect(W * H * 3);
        for (int s = 0; s < segments.size(); s++) {
            byte[] bytes = segments.get(s);
            try (MediaReader reader = MediaReader.open(new ByteArrayInputStream(bytes), "seg" + s, "mpegts", true)) {
                boolean first = true;
                while (reader.next() != MediaReader.Item.END) {
                    assertEquals(W, reader.width());
                    assertEquals(H, reader.height());
                    if (first) {
                        assertTrue(reader.keyFrame(), "segment " + s + " starts on a key frame");
                        first = false;
                    }
                    int index = (int) Math.round(reader.ptsNanos() * FPS / 1e9);
                    reader.copyPicture(PixelLayout.RGB24, got);
                    double psnr = Synthetic.psnr(Synthetic.frame(W, H, index), got, W * H * 3);
                    worst = Math.min(worst, psnr);
                    sum += psnr;
                    decoded++;
                }
            }
        }
        assertEquals(frames, decoded, "every frame comes back");
        long bytes = segments.stream().mapToLong(b -> b.length).sum();
        System.out.printf("round trip 320x240: %d frames, PSNR mean %.1f dB, worst %.1f dB, %d kbit/s for 1500 requested%n",
                decoded, sum / decoded, worst, bytes * 8 / 3 / 1000);
        assertTrue(worst > 28, "PSNR " + worst + " dB");
    }
}
