package org.framegrid.stage.segment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Mask;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.stages.StageRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** segment with the real ISNet model bundles on the real ONNX Runtime backend and skimage's astronaut. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SegmentTest {

    /**
     * The astronaut (person, with the helmet she holds) in skimage's 512x512 astronaut.png, traced by eye from the
     * picture's layout (hair top near (225,14); the suit collar ring from x 112 to 305; the arms reach the bottom edge
     * at x 20 on the left; the black helmet fills the bottom right from x 278 to the edge): 30 vertices, clockwise
     * from the top of the head. Drawn from the image alone, before the model ran on it.
     */
    static final Polygon PERSON = new Polygon(
            new int[] {225, 262, 290, 300, 296, 290, 303, 306, 330, 352, 362, 365, 385, 430, 470, 495, 508, 512, 512,
                    20, 18, 24, 34, 52, 80, 112, 118, 150, 158, 166},
            new int[] {14, 20, 45, 90, 118, 140, 170, 232, 262, 290, 320, 345, 345, 340, 352, 385, 440, 480, 512,
                    512, 450, 380, 320, 285, 265, 235, 170, 140, 95, 40},
            30);

    @RegisterExtension
    static final StageRig<SegmentProvider> rig = StageRig.onCpu(SegmentProvider::new, p -> {
        p.addModel(Fixtures.bundled("isnet-small-dyn"));
        p.addModel(Fixtures.bundled("isnet-small"));
    });

    /** @return the mask as a {@code side x side} foreground grid (nearest cell) */
    static boolean[] grid(Mask mask, int side) {
        boolean[] out = new boolean[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x * mask.width() / side;
                int my = y * mask.height() / side;
                out[y * side + x] = mask.classes()[my * mask.width() + mx] != 0;
            }
        }
        return out;
    }

    static boolean[] polygon(Polygon p, int side) {
        boolean[] out = new boolean[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                out[y * side + x] = p.contains((x + 0.5) * 512 / side, (y + 0.5) * 512 / side);
            }
        }
        return out;
    }

    static double iou(boolean[] a, boolean[] b) {
        int both = 0;
        int either = 0;
        for (int i = 0; i < a.length; i++) {
            both += a[i] && b[i] ? 1 : 0;
            either += a[i] || b[i] ? 1 : 0;
        }
        return either == 0 ? 0 : (double) both / either;
    }

    static Mask segment(String model, Map<String, Object> more) throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        Map<String, Object> values = new java.util.HashMap<>(more);
        values.put("model", model);
        values.putIfAbsent("background", "NONE");
        Stage stage = rig.start(PixelFormat.RGB24, values);
        Frame frame = rig.frame(PixelFormat.RGB24, astronaut);
        try {
            long[] ms = new long[3];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                assertTrue(stage.process(frame) == frame, "segmented in place");
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            Mask mask = frame.meta(FrameMeta.MASK);
            assertNotNull(mask, "mask attached");
            System.out.printf("segment %s on 512x512: mask %dx%d, process() %s ms%n", model, mask.width(),
                    mask.height(), Arrays.toString(ms));
            dump(mask, "target/segment-" + model + ".png");
            return mask;
        } finally {
            frame.release();
            stage.stop();
        }
    }

    /** Writes the mask for people to look at (the traced polygon in grey where the mask is empty). */
    static void dump(Mask mask, String file) throws java.io.IOException {
        BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                boolean traced = PERSON.contains((x + 0.5) * 512 / mask.width(), (y + 0.5) * 512 / mask.height());
                image.setRGB(x, y, mask.classes()[y * mask.width() + x] != 0 ? 0xFFFFFF : traced ? 0x606060 : 0);
            }
        }
        javax.imageio.ImageIO.write(image, "png", new java.io.File(file));
    }

    /**
     * The bound: the hand-traced polygon is off by a few pixels along its roughly 1,900 px outline, so even a perfect
     * matte cannot score 1; the full-size model scores 0.93 against it (printed), which also shows the trace is
     * sound. 0.85 for the full-size model and 0.8 for the size-flexible one at 320 (measured 0.83: it also takes some
     * flag stripes and the shuttle's edge, visible in target/segment-isnet-small-dyn.png) stay well above what a
     * matte that does not find the person scores: the whole image as foreground 0.55, a centred ellipse 0.61
     * (printed too).
     */
    @Test
    void theMatteSeparatesTheAstronautFromTheBackground() throws Exception {
        int side = 256;
        boolean[] reference = polygon(PERSON, side);
        double fast = iou(grid(segment("isnet-small-dyn", Map.of("size", 320)), side), reference);
        double full = iou(grid(segment("isnet-small", Map.of()), side), reference);
        boolean[] everything = new boolean[side * side];
        Arrays.fill(everything, true);
        boolean[] ellipse = new boolean[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double dx = (x + 0.5 - side / 2.0) / (side * 0.45);
                double dy = (y + 0.5 - side * 0.55) / (side * 0.5);
                ellipse[y * side + x] = dx * dx + dy * dy <= 1;
            }
        }
        double all = iou(everything, reference);
        double oval = iou(ellipse, reference);
        System.out.printf("segment astronaut IoU vs traced person: isnet-small@1024 %.3f, isnet-small-dyn@320 %.3f "
                + "(baselines: all foreground %.3f, centred ellipse %.3f)%n", full, fast, all, oval);
        assertTrue(full > 0.85, "isnet-small IoU " + full);
        assertTrue(fast > 0.8, "isnet-small-dyn@320 IoU " + fast);
        assertTrue(all < 0.8 && oval < 0.8, "the bound separates a real matte from trivial ones");
    }

    @Test
    void aColourBackgroundReplacesTheFlagButNotTheFace() throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        Stage stage = rig.start(PixelFormat.BGR24,
                Map.of("model", "isnet-small-dyn", "background", "COLOR", "color", "#0000FF"));
        Frame frame = rig.frame(PixelFormat.BGR24, astronaut);
        try {
            int face = Fixtures.rgb(frame, 225, 130);
            stage.process(frame);
            // Within 3 levels: the matte is soft, a background alpha of 0.005 leaves a trace of the wall.
            assertNear(0x0000FF, Fixtures.rgb(frame, 330, 60), "the wall right of her head is now blue");
            assertNear(0x0000FF, Fixtures.rgb(frame, 480, 150), "the wall right of the shuttle too");
            assertNear(face, Fixtures.rgb(frame, 225, 130), "her face is kept");
        } finally {
            frame.release();
            stage.stop();
        }
    }

    private static void assertNear(int expected, int actual, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertTrue(Math.abs((expected >> shift & 0xff) - (actual >> shift & 0xff)) <= 3,
                    String.format("%s: expected %06x, got %06x", what, expected, actual));
        }
    }

    @Test
    void aBlurredBackgroundKeepsThePersonSharp() throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        Stage stage = rig.start(PixelFormat.RGB24, Map.of("model", "isnet-small-dyn",
                "background", "BLUR", "blur-radius", 12));
        Frame frame = rig.frame(PixelFormat.RGB24, astronaut);
        Frame original = rig.pool().copyOf(frame);
        try {
            stage.process(frame);
            Mask mask = frame.meta(FrameMeta.MASK);
            // Where the mask says background, detail (change between vertical neighbours) is smoothed away; inside
            // the foreground (cells whose neighbours are foreground too, so alpha is 1) pixels are kept.
            double[] backgroundDetail = new double[2];
            double changed = 0;
            int inside = 0;
            for (int y = 0; y < 511; y++) {
                for (int x = 0; x < 512; x++) {
                    int mx = x * mask.width() / 512;
                    int my = y * mask.height() / 512;
                    if (!foreground(mask, mx, my) && !foreground(mask, mx, Math.min(my + 1, mask.height() - 1))) {
                        backgroundDetail[0] += Math.abs(green(original, x, y) - green(original, x, y + 1));
                        backgroundDetail[1] += Math.abs(green(frame, x, y) - green(frame, x, y + 1));
                    } else if (interior(mask, mx, my)) {
                        changed += Math.abs(green(original, x, y) - green(frame, x, y));
                        inside++;
                    }
                }
            }
            System.out.printf("segment BLUR: background detail %.0f -> %.0f, mean change inside the person %.2f%n",
                    backgroundDetail[0], backgroundDetail[1], changed / inside);
            assertTrue(backgroundDetail[1] < backgroundDetail[0] / 2, "background blurred");
            assertTrue(inside > 50_000 && changed / inside < 2, "person kept: " + changed / inside);
        } finally {
            original.release();
            frame.release();
            stage.stop();
        }
    }

    private static boolean foreground(Mask mask, int x, int y) {
        return mask.classes()[y * mask.width() + x] != 0;
    }

    private static boolean interior(Mask mask, int x, int y) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int cx = Math.clamp(x + dx, 0, mask.width() - 1);
                int cy = Math.clamp(y + dy, 0, mask.height() - 1);
                if (!foreground(mask, cx, cy)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int green(Frame f, int x, int y) {
        return Fixtures.rgb(f, x, y) >> 8 & 0xff;
    }

    @Test
    void anImageBackgroundNeedsAReadableImage(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.png"), "not a picture");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Fixtures.start(rig.provider(),
                rig.pool(), PixelFormat.RGB24, Map.of("background", "IMAGE", "image", junk.toString())));
        assertEquals("segment: image '" + junk + "' is not a PNG or JPEG image", bad.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> rig.start(PixelFormat.RGB24, Map.of("background", "IMAGE")));
        assertTrue(none.getMessage().contains("needs the 'image' property"), none.getMessage());
    }

    @Test
    void aModelOfTheWrongKindIsRefusedAtStart() throws Exception {
        SegmentProvider p = StageRig.cpu(new SegmentProvider(), q -> q.addModel(Fixtures.bundled("blazeface-front")));
        rig.assertRefusesModelWithout(p, "model", "blazeface-front", "alpha");
        String missing = rig.refusedMissingModel(p, "model");
        assertTrue(missing.contains("no segmentation model named 'nope'"), missing);
    }
}
