package org.framegrid.stage.faces.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** blur-faces obscures exactly the detected regions. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlurFacesTest {

    private static final int W = 160;
    private static final int H = 120;
    /** The box of the detection below, in pixels: x 40..80, y 30..90 (end exclusive). */
    private static final Detection FACE = new Detection(0.25f, 0.25f, 0.25f, 0.5f, 0, "face", 0.9f, -1);

    private EmbeddedEngine engine;
    private FramePool pool;

    @BeforeEach
    void setUp() {
        engine = new EmbeddedEngine(60_000, false);
        pool = engine.pool();
    }

    @AfterEach
    void tearDown() {
        assertEquals(0, pool.outstanding(), "every frame released");
        engine.close();
    }

    /** A frame of random noise, so that any averaging changes almost every pixel. */
    private Frame noise(List<Detection> detections) {
        Frame frame = pool.acquire(PixelFormat.RGB24, W, H);
        byte[] bytes = new byte[W * H * 3];
        new Random(7).nextBytes(bytes);
        frame.data().put(0, bytes);
        frame.meta(FrameMeta.DETECTIONS, new Detections(detections));
        return frame;
    }

    private static byte[] pixels(Frame frame) {
        byte[] bytes = new byte[W * H * 3];
        frame.data().get(0, bytes);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pixelate", "blur"})
    void changesPixelsOnlyInsideTheBox(String method) throws Exception {
        Stage stage = Fixtures.start(new BlurFacesProvider(), pool, PixelFormat.RGB24,
                Map.of("method", method, "strength", 8L, "margin", 0.0));
        Frame frame = noise(List.of(FACE));
        byte[] before = pixels(frame);
        assertTrue(stage.process(frame) == frame, "an unshared frame is changed in place");
        byte[] after = pixels(frame);
        int changedInside = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean inside = x >= 40 && x < 80 && y >= 30 && y < 90;
                for (int c = 0; c < 3; c++) {
                    int i = (y * W + x) * 3 + c;
                    if (inside) {
                        changedInside += before[i] != after[i] ? 1 : 0;
                    } else {
                        assertEquals(before[i], after[i], method + " changed (" + x + "," + y + ") outside the box");
                    }
                }
            }
        }
        assertTrue(changedInside > 0.9 * 40 * 60 * 3, method + " changed only " + changedInside + " values inside");
        if (method.equals("pixelate")) {
            // 8x8 blocks from the box's corner: one colour per block.
            int a = (30 * W + 40) * 3;
            int b = (37 * W + 47) * 3;
            assertArrayEquals(new byte[] {after[a], after[a + 1], after[a + 2]},
                    new byte[] {after[b], after[b + 1], after[b + 2]});
        }
        frame.release();
        stage.stop();
    }

    @Test
    void theMarginGrowsTheRegionAndOtherLabelsAreLeftAlone() throws Exception {
        Stage stage = Fixtures.start(new BlurFacesProvider(), pool, PixelFormat.RGB24, Map.of("margin", 0.25));
        Frame frame = noise(List.of(FACE, new Detection(0.7f, 0.1f, 0.2f, 0.2f, 1, "plate", 0.9f, -1)));
        byte[] before = pixels(frame);
        stage.process(frame);
        byte[] after = pixels(frame);
        // The face box grown by a quarter of its size: x 30..90, y 15..105.
        int grown = (20 * W + 32) * 3;
        assertNotEquals(before[grown], after[grown], "inside the margin");
        int beyond = (20 * W + 28) * 3;
        assertEquals(before[beyond], after[beyond], "beyond the margin");
        int plate = (20 * W + 130) * 3;
        assertEquals(before[plate], after[plate], "a plate is not a face");
        frame.release();
        stage.stop();
    }

    @Test
    void aSharedFrameIsCopiedBeforeItIsChanged() throws Exception {
        Stage stage = Fixtures.start(new BlurFacesProvider(), pool, PixelFormat.RGB24, Map.of());
        Frame frame = noise(List.of(FACE));
        byte[] before = pixels(frame);
        frame.retain();
        Frame out = stage.process(frame);
        assertTrue(out != frame, "copy on write");
        assertArrayEquals(before, pixels(frame), "the shared frame is untouched");
        assertNotEquals(before[(50 * W + 50) * 3], pixels(out)[(50 * W + 50) * 3]);
        assertEquals(frame.meta(FrameMeta.DETECTIONS), out.meta(FrameMeta.DETECTIONS), "metadata travels");
        out.release();
        frame.release();
        frame.release();
        stage.stop();
    }

    @Test
    void aFrameWithoutDetectionsPassesUntouched() throws Exception {
        Stage stage = Fixtures.start(new BlurFacesProvider(), pool, PixelFormat.RGB24, Map.of());
        Frame frame = noise(List.of());
        frame.meta(FrameMeta.DETECTIONS, null);
        byte[] before = pixels(frame);
        frame.retain();
        assertTrue(stage.process(frame) == frame, "nothing to hide: no copy even when shared");
        assertArrayEquals(before, pixels(frame));
        frame.release();
        frame.release();
        stage.stop();
    }
}
