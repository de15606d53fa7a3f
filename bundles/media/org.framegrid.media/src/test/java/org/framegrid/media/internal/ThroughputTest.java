package org.framegrid.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Encode and decode speed of the live path (OpenH264 into TS segments, decode to RGB24), printed for the notes. */
@Timeout(60)
class ThroughputTest {
    @Test
    void qvga() throws Exception {
        measure(320, 240, 100, 1_000_000);
    }

    @Test
    void hd720() throws Exception {
        measure(1280, 720, 40, 4_000_000);
    }

    private static void measure(int w, int h, int frames, long bitrate) throws Exception {
        // Distinct source frames prepared up front so only the codec path is timed.
        ByteBuffer[] source = new ByteBuffer[10];
        for (int i = 0; i < source.length; i++) {
            source[i] = Synthetic.frame(w, h, i * 3);
        }
        List<ByteArrayOutputStream> segments = new ArrayList<>();
        long t0 = System.nanoTime();
        MediaWriter writer = MediaWriter.toSegments("bench", seq -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            segments.add(out);
            return out;
        }, 2.0, EncoderSettings.lowLatency(bitrate, 2.0, 25), null);
        for (int i = 0; i < frames; i++) {
            writer.writePicture(source[i % source.length], PixelLayout.RGB24, w, h, i * 40_000_000L);
        }
        writer.close();
        long t1 = System.nanoTime();
        int decoded = 0;
        ByteBuffer out = ByteBuffer.allocateDirect(w * h * 3);
        for (ByteArrayOutputStream s : segments) {
            try (MediaReader reader = MediaReader.open(new ByteArrayInputStream(s.toByteArray()), "bench", "mpegts", true)) {
                while (reader.next() != MediaReader.Item.END) {
                    reader.copyPicture(PixelLayout.RGB24, out);
                    decoded++;
                }
            }
        }
        long t2 = System.nanoTime();
        assertEquals(frames, decoded);
        System.out.printf("throughput %dx%d: encode (RGB24->OpenH264->TS) %.0f fps, decode (TS->H.264->RGB24) %.0f fps%n",
                w, h, frames / ((t1 - t0) / 1e9), frames / ((t2 - t1) / 1e9));
    }
}
