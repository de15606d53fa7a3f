package org.framegrid.stage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Random;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.inference.api.ColorOrder;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Normalization;
import org.framegrid.inference.api.SizeRule;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorLayout;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one image-input writer: stretch, crop, nearest and edge padding, layouts and channel orders, reuse. */
class ImageInputWriterTest {

    private static final Normalization BLAZEFACE = new Normalization(1 / 127.5f, new float[] {1}, new float[] {1});
    private static EmbeddedEngine engine;
    private static FramePool pool;

    @BeforeAll
    static void setUp() {
        engine = new EmbeddedEngine(60_000, false);
        pool = engine.pool();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    private static ImageInput spec(TensorLayout layout, ColorOrder order, Normalization normalization) {
        return new ImageInput("in", layout, SizeRule.multipleOf(1), order, normalization);
    }

    /** A frame of random pixels, the same for the same seed. */
    private static Frame noise(PixelFormat format, int width, int height, long seed) {
        Frame frame = pool.acquire(format, width, height);
        Random random = new Random(seed);
        for (int i = 0; i < frame.data().limit(); i++) {
            frame.data().put(i, (byte) random.nextInt(256));
        }
        return frame;
    }

    private static Frame solid(int r, int g, int b, int width, int height) {
        Frame frame = pool.acquire(PixelFormat.RGB24, width, height);
        for (int i = 0; i < width * height; i++) {
            frame.data().put(3 * i, (byte) r).put(3 * i + 1, (byte) g).put(3 * i + 2, (byte) b);
        }
        return frame;
    }

    /** Channel {@code c} (0 = red) of pixel {@code (x, y)}, edges repeated. */
    private static int channel(Frame frame, int x, int y, int c) {
        int bpp = frame.format().elementBytes(0);
        int cx = Math.clamp(x, 0, frame.width() - 1);
        int cy = Math.clamp(y, 0, frame.height() - 1);
        int swapped = frame.format() == PixelFormat.BGR24 ? 2 - c : c;
        return frame.data().get(frame.offset(0) + cy * frame.stride(0) + cx * bpp + swapped) & 0xff;
    }

    /** The float bilinear stretch the stages used before this writer, as the reference. */
    private static int reference(Frame frame, int u, int v, int c, int width, int height) {
        float sx = (u + 0.5f) * frame.width() / width - 0.5f;
        float sy = (v + 0.5f) * frame.height() / height - 0.5f;
        int x = (int) Math.floor(sx);
        int y = (int) Math.floor(sy);
        float fx = sx - x;
        float fy = sy - y;
        float top = channel(frame, x, y, c) * (1 - fx) + channel(frame, x + 1, y, c) * fx;
        float bottom = channel(frame, x, y + 1, c) * (1 - fx) + channel(frame, x + 1, y + 1, c) * fx;
        return Math.round(top * (1 - fy) + bottom * fy);
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = {"RGB24", "BGR24", "RGBA"})
    void aStretchIsTheBilinearResizeWithinOneLevel(PixelFormat format) {
        Frame frame = noise(format, 97, 61, 1);
        try {
            ImageInputWriter writer = new ImageInputWriter(spec(TensorLayout.NCHW, ColorOrder.RGB,
                    Normalization.IDENTITY));
            Tensor input = writer.input(new InputSize(64, 40));
            writer.stretch(frame, input);
            FloatBuffer values = input.floats();
            int worst = 0;
            for (int c = 0; c < 3; c++) {
                for (int v = 0; v < 40; v++) {
                    for (int u = 0; u < 64; u++) {
                        float got = values.get(c * 64 * 40 + v * 64 + u);
                        worst = Math.max(worst, (int) Math.abs(got - reference(frame, u, v, c, 64, 40)));
                    }
                }
            }
            assertTrue(worst <= 1, "8-bit fixed-point weights stay within one level of float bilinear: " + worst);
        } finally {
            frame.release();
        }
    }

    @Test
    void theSteadyStateRewritesTheImageRowsAndKeepsThePadding() {
        Frame red = solid(255, 0, 0, 640, 360);
        Frame blue = solid(0, 0, 255, 640, 360);
        try {
            ImageInputWriter writer = new ImageInputWriter(spec(TensorLayout.NHWC, ColorOrder.RGB, BLAZEFACE));
            Tensor input = Tensor.allocate(ElementType.FLOAT32, 1, 128, 128, 3);
            writer.letterbox(red, input);
            writer.letterbox(blue, input);
            FloatBuffer values = input.floats();
            assertEquals(-1f, values.get((64 * 128 + 64) * 3), 1e-6f, "red gone from the image");
            assertEquals(1f, values.get((64 * 128 + 64) * 3 + 2), 1e-6f, "blue in the image");
            assertEquals(-1f, values.get((10 * 128 + 64) * 3 + 2), 1e-6f, "padding stays black");
            // Another tensor for the same geometry gets its padding written too.
            Tensor other = Tensor.allocate(ElementType.FLOAT32, 1, 128, 128, 3);
            writer.letterbox(blue, other);
            assertEquals(-1f, other.floats().get((10 * 128 + 64) * 3), 1e-6f, "padding of the new tensor");
        } finally {
            red.release();
            blue.release();
        }
    }

    @Test
    void nearestWithEdgePaddingRepeatsTheBorderAndAddsTheConstantChannel() {
        Frame frame = noise(PixelFormat.BGR24, 640, 360, 2);
        try {
            // M-LSD's input: raw RGB plus a channel of 1, nearest samples, the letterbox border the frame's edge.
            ImageInputWriter writer = new ImageInputWriter(spec(TensorLayout.NHWC, ColorOrder.RGB_ONE,
                    Normalization.IDENTITY), ImageInputWriter.Sampling.NEAREST, ImageInputWriter.Padding.EDGE);
            Tensor input = Tensor.allocate(ElementType.FLOAT32, 1, 64, 64, 4);
            Letterbox box = writer.letterbox(frame, input);
            FloatBuffer values = input.floats();
            for (int v = 0; v < 64; v++) {
                int fy = Math.clamp((int) ((v + 0.5f - box.padY()) / box.scale()), 0, 359);
                for (int u = 0; u < 64; u++) {
                    int fx = Math.clamp((int) ((u + 0.5f - box.padX()) / box.scale()), 0, 639);
                    int at = (v * 64 + u) * 4;
                    for (int c = 0; c < 3; c++) {
                        assertEquals(channel(frame, fx, fy, c), values.get(at + c), "pixel " + u + "," + v);
                    }
                    assertEquals(1f, values.get(at + 3), "the constant channel");
                }
            }
        } finally {
            frame.release();
        }
    }

    @Test
    void aCropFillsTheLeftColumnsAndLeavesTheRest() {
        Frame frame = solid(255, 0, 51, 200, 100);
        try {
            ImageInputWriter writer = new ImageInputWriter(spec(TensorLayout.NCHW, ColorOrder.BGR, BLAZEFACE));
            Tensor input = Tensor.allocate(ElementType.FLOAT32, 1, 3, 16, 40);
            FloatBuffer values = input.floats();
            for (int i = 0; i < 3 * 16 * 40; i++) {
                values.put(i, 7f);
            }
            // Reaching outside the frame repeats its edge: still the solid colour.
            writer.crop(frame, 150, -10, 80, 30, 24, input);
            for (int v = 0; v < 16; v++) {
                for (int u = 0; u < 40; u++) {
                    int at = v * 40 + u;
                    float blue = u < 24 ? 51 / 127.5f - 1 : 7f;
                    float red = u < 24 ? 1f : 7f;
                    assertEquals(blue, values.get(at), 1e-6f, "blue plane first, column " + u);
                    assertEquals(u < 24 ? -1f : 7f, values.get(16 * 40 + at), 1e-6f, "green, column " + u);
                    assertEquals(red, values.get(2 * 16 * 40 + at), 1e-6f, "red plane last, column " + u);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> writer.crop(frame, 0, 0, 10, 10, 41, input));
        } finally {
            frame.release();
        }
    }

    @Test
    void anInputTensorIsReusedWhileItsSizeStays() {
        ImageInputWriter writer = new ImageInputWriter(spec(TensorLayout.NCHW, ColorOrder.RGB, BLAZEFACE));
        Tensor first = writer.input(new InputSize(32, 16));
        assertTrue(first == writer.input(new InputSize(32, 16)));
        Tensor second = writer.input(new InputSize(16, 32));
        assertEquals(16, second.dim(3));
        assertEquals(32, second.dim(2));
    }

    @Test
    void whatItCannotWriteIsRefusedWithTheReason() {
        IllegalArgumentException gray = assertThrows(IllegalArgumentException.class,
                () -> new ImageInputWriter(spec(TensorLayout.NCHW, ColorOrder.GRAY, BLAZEFACE)));
        assertTrue(gray.getMessage().contains("GRAY"), gray.getMessage());
        ImageInputWriter writer = new ImageInputWriter(spec(TensorLayout.NHWC, ColorOrder.RGB, BLAZEFACE));
        Frame nv12 = pool.acquire(PixelFormat.NV12, 64, 64);
        Frame rgb = pool.acquire(PixelFormat.RGB24, 64, 64);
        try {
            Tensor input = Tensor.allocate(ElementType.FLOAT32, 1, 32, 32, 3);
            IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                    () -> writer.letterbox(nv12, input));
            assertTrue(format.getMessage().contains("NV12"), format.getMessage());
            IllegalArgumentException layout = assertThrows(IllegalArgumentException.class,
                    () -> writer.stretch(rgb, Tensor.allocate(ElementType.FLOAT32, 1, 3, 32, 32)));
            assertTrue(layout.getMessage().contains("NHWC RGB"), layout.getMessage());
        } finally {
            nv12.release();
            rgb.release();
        }
    }
}
