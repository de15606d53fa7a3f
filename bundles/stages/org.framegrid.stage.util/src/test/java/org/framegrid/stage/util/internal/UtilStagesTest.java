package org.framegrid.stage.util.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.frame.Text;
import org.framegrid.api.frame.Texts;
import org.framegrid.api.stage.Stage;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UtilStagesTest {
    private final EmbeddedEngine engine = new EmbeddedEngine(60_000, false);
    private final FramePool pool = engine.pool();

    @AfterEach
    void noLeak() {
        assertEquals(0, pool.outstanding(), "every frame released");
        engine.close();
    }

    private Frame rgb(int w, int h) {
        Frame f = pool.acquire(PixelFormat.RGB24, w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                PixelColors.write(f, x, y,
                        PixelColors.rgb(x * 255 / Math.max(1, w - 1), y * 255 / Math.max(1, h - 1), 90));
            }
        }
        return f;
    }

    private static void assertClose(int expected, int actual, int tolerance, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expected >> shift & 0xFF;
            int a = actual >> shift & 0xFF;
            assertTrue(Math.abs(e - a) <= tolerance, what + ": " + Integer.toHexString(expected) + " vs "
                    + Integer.toHexString(actual));
        }
    }

    @Test
    void convertRoundTripsThroughEveryFormat() throws Exception {
        Frame src = rgb(16, 8);
        for (PixelFormat target : PixelFormat.values()) {
            Stage there = Fixtures.start(new ConvertProvider(), pool, PixelFormat.RGB24, target, Map.of());
            Stage back = Fixtures.start(new ConvertProvider(), pool, target, PixelFormat.RGB24, Map.of());
            Frame mid = there.process(src);
            assertEquals(target, mid.format());
            Frame out = back.process(mid);
            assertEquals(PixelFormat.RGB24, out.format());
            // Chroma subsampling keeps one sample per 2x2 block: compare where the block's sample was written.
            int tolerance = target == PixelFormat.GRAY8 ? 255 : target == PixelFormat.NV12
                    || target == PixelFormat.I420 ? 40 : 1;
            for (int y = 1; y < 8; y += 2) {
                for (int x = 1; x < 16; x += 2) {
                    assertClose(PixelColors.read(src, x, y), PixelColors.read(out, x, y), tolerance,
                            target + " at " + x + "," + y);
                }
            }
            if (mid != src) {
                mid.release();
            }
            if (out != mid && out != src) {
                out.release();
            }
        }
        Stage gray = Fixtures.start(new ConvertProvider(), pool, PixelFormat.RGB24, PixelFormat.GRAY8, Map.of());
        Frame g = gray.process(src);
        assertEquals(PixelColors.luma(255, 0, 90), g.data().get(15) & 0xFF, "luma of the top-right pixel");
        g.release();
        src.release();
    }

    @Test
    void resizeScalesEveryPlane() throws Exception {
        Frame src = rgb(8, 4);
        Stage resize = Fixtures.start(new ResizeProvider(), pool, PixelFormat.RGB24, PixelFormat.RGB24,
                Map.of("width", 4L, "height", 2L));
        Frame out = resize.process(src);
        assertEquals(4, out.width());
        assertEquals(2, out.height());
        assertEquals(PixelColors.read(src, 6, 2), PixelColors.read(out, 3, 1), "nearest neighbour");
        out.release();
        Frame nv12 = pool.acquire(PixelFormat.NV12, 8, 4);
        Frame small = resize.process(nv12);
        assertEquals(4 * 2 + 2 * 1 * 2, small.format().byteSize(small.width(), small.height()));
        assertSame(src, Fixtures.start(new ResizeProvider(), pool, PixelFormat.RGB24, PixelFormat.RGB24,
                Map.of("width", 8L, "height", 4L)).process(src), "same size passes through");
        small.release();
        nv12.release();
        src.release();
    }

    @Test
    void overlayDrawsBoxesAndTextAndCopiesSharedFrames() throws Exception {
        Frame f = pool.acquire(PixelFormat.RGB24, 64, 64);
        Draw.fill(f, 0, 0, 64, 64, 0);
        f.meta(FrameMeta.DETECTIONS, new Detections(List.of(new Detection(0.25f, 0.5f, 0.5f, 0.25f, 1, "CAT", 0.9f,
                -1))));
        f.meta(FrameMeta.TEXTS, new Texts(List.of(new Text("7", 0, 0, 0xFFFF0000))));
        Stage overlay = Fixtures.start(new OverlayProvider(), pool, PixelFormat.RGB24, PixelFormat.RGB24,
                Map.of("thickness", 2L, "text-scale", 1L));
        f.retain(); // shared: the overlay must not draw on it
        Frame drawn = overlay.process(f);
        assertNotEquals(f, drawn);
        assertEquals(0, PixelColors.read(f, 16, 32), "the shared original is untouched");
        assertEquals(0x00FF00, PixelColors.read(drawn, 16, 32), "box corner");
        assertEquals(0x00FF00, PixelColors.read(drawn, 47, 47), "opposite corner, inside the outline");
        assertEquals(0, PixelColors.read(drawn, 32, 40), "box inside stays");
        assertEquals(0xFF0000, PixelColors.read(drawn, 0, 0), "the 7's top bar");
        assertEquals(0, PixelColors.read(drawn, 0, 1), "the 7 has no left stroke");
        assertTrue(countColor(drawn, 0x00FF00, 24, 31) > 5, "the label above the box");
        drawn.release();
        f.release();
        Frame alone = overlay.process(f);
        assertSame(f, alone, "an unshared frame is drawn in place");
        f.release();
    }

    private static int countColor(Frame f, int rgb, int y0, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < f.width(); x++) {
                n += PixelColors.read(f, x, y) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void testSourcePacesAndMoves() throws Exception {
        Stage src = Fixtures.start(new TestSourceProvider(), pool, null, PixelFormat.RGB24,
                Map.of("width", 64L, "height", 32L, "fps", 100.0));
        long start = System.nanoTime();
        Frame previous = null;
        for (int i = 0; i < 10; i++) {
            Frame f = src.process(null);
            assertEquals(i, f.meta(TestSourceProvider.FRAME_NUMBER));
            assertEquals(i * 10_000_000L, f.pts());
            if (previous != null) {
                assertNotEquals(PixelColors.read(previous, 5, 5), PixelColors.read(f, 5, 5), "the pattern moves");
                previous.release();
            }
            previous = f;
        }
        previous.release();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 85 && millis < 1000, "10 frames at 100 fps took " + millis + " ms");
    }

    /**
     * With pictures the frames show them in turn, zoomed and panned: the first frame is the first picture scaled to
     * cover the frame, later frames of it differ (the view moves), and after 6 s the second picture is shown.
     */
    @Test
    void testSourceShowsPicturesZoomedAndPanned() throws Exception {
        String files = Fixtures.imagePath("astronaut.png") + ", " + Fixtures.imagePath("person.jpg");
        Stage src = Fixtures.start(new TestSourceProvider(), pool, null, PixelFormat.RGB24,
                Map.of("width", 160L, "height", 90L, "fps", 10.0, "realtime", false, "pictures", files));
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        BufferedImage person = Fixtures.image("person.jpg");
        // The astronaut (512x512) covers 160x90 at 160/512: 160x160, the view 10% down its spare height.
        Frame reference = Fixtures.frame(pool, PixelFormat.RGB24, 160, 90, astronaut, 0, -7, 160, 160);
        Frame first = src.process(null);
        assertTrue(difference(first, reference) < 12, "frame 0 is the astronaut: " + difference(first, reference));
        Frame later = next(src, 30);
        assertTrue(difference(later, first) > 20, "3 s on, the view has zoomed and moved: " + difference(later, first));
        Frame second = next(src, 30);
        // person.jpg (640x424) covers 160x90 at 160/640: 160x106, shown from 6 s on, starting at its right-hand end.
        Frame personFrame = Fixtures.frame(pool, PixelFormat.RGB24, 160, 90, person, 0, -(int) Math.round(0.3 * 16),
                160, 106);
        assertTrue(difference(second, personFrame) < 12, "at 6 s the second picture: "
                + difference(second, personFrame));
        for (Frame f : new Frame[] {first, later, second, reference, personFrame}) {
            f.release();
        }
        src.stop();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Fixtures.start(
                new TestSourceProvider(), pool, null, PixelFormat.RGB24, Map.of("pictures", "/nonexistent.png")));
        assertEquals("test-source pictures: /nonexistent.png does not exist", missing.getMessage());
    }

    /** @return the mean absolute difference of two RGB24 frames of one size, per channel (0..255) */
    private static double difference(Frame a, Frame b) {
        long sum = 0;
        int n = a.width() * a.height() * 3;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < 3 * a.width(); x++) {
                sum += Math.abs((a.data().get(a.offset(0) + y * a.stride(0) + x) & 0xFF)
                        - (b.data().get(b.offset(0) + y * b.stride(0) + x) & 0xFF));
            }
        }
        return (double) sum / n;
    }

    /** @return the {@code n}th next frame of {@code source}; the frames before it are released */
    private static Frame next(Stage source, int n) throws Exception {
        for (int i = 1; i < n; i++) {
            source.process(null).release();
        }
        return source.process(null);
    }
}
