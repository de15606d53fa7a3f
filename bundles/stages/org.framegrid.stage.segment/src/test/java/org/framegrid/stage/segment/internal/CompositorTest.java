package org.framegrid.stage.segment.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;

import org.framegrid.stage.segment.internal.SegmentProvider.Background;
import org.framegrid.stage.vision.BoxBlur;
import org.framegrid.stage.vision.FloatMap;
import org.framegrid.stage.vision.RgbImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blurred-background composite, which blends the reduced blur enlarged on the fly and only where the background
 * shows, gives byte for byte what the plain definition gives: average {@code factor x factor} blocks, box-blur, enlarge
 * the whole image bilinearly, then blend every pixel with the 8-bit alpha.
 */
class CompositorTest {

    @ParameterizedTest(name = "{0}x{1}, radius {2}")
    @CsvSource({"61, 37, 15", "64, 36, 15", "61, 37, 12", "61, 37, 24", "61, 37, 5", "640, 360, 15"})
    void blurCompositeIsTheEnlargedBlurBlended(int w, int h, int radius) {
        Random random = new Random(w * 31L + h * 7L + radius);
        RgbImage image = new RgbImage(w, h);
        random.nextBytes(image.rgb());
        RgbImage original = new RgbImage(w, h);
        System.arraycopy(image.rgb(), 0, original.rgb(), 0, 3 * w * h);
        // A matte with opaque, transparent and soft cells (the last dominate at the edges of a person).
        int mw = 16;
        int mh = 16;
        float[] values = new float[mw * mh];
        for (int i = 0; i < values.length; i++) {
            int kind = random.nextInt(3);
            values[i] = kind == 0 ? 1f : kind == 1 ? 0f : random.nextFloat();
        }
        FloatMap matte = new FloatMap().read(FloatBuffer.wrap(values), 0, mw, mh);

        Compositor compositor = new Compositor();
        compositor.configure(Background.BLUR, "#000000", radius);
        assertTrue(compositor.composite(image, matte));

        int factor = Compositor.factor(radius);
        RgbImage background = new RgbImage();
        if (factor == 1) {
            new BoxBlur().blur(original, background, radius, 3);
        } else {
            RgbImage reduced = reduce(original, factor);
            RgbImage blurred = new RgbImage();
            new BoxBlur().blur(reduced, blurred, Compositor.reducedRadius(radius, factor), 3);
            background = enlarge(blurred, w, h);
        }
        float[] alpha = new float[w * h];
        matte.resample(w, h, alpha);
        byte[] expected = Arrays.copyOf(original.rgb(), 3 * w * h);
        for (int i = 0; i < w * h; i++) {
            int a = (int) (Math.clamp(alpha[i], 0f, 1f) * 255 + 0.5f);
            for (int c = 3 * i; c < 3 * i + 3; c++) {
                expected[c] = (byte) (((expected[c] & 0xff) * a + (background.rgb()[c] & 0xff) * (255 - a) + 127)
                        / 255);
            }
        }
        assertArrayEquals(expected, Arrays.copyOf(image.rgb(), 3 * w * h));
    }

    /** Every {@code factor x factor} block's rounded mean (the last blocks may be smaller). */
    private static RgbImage reduce(RgbImage in, int factor) {
        int w = in.width();
        int h = in.height();
        RgbImage out = new RgbImage((w + factor - 1) / factor, (h + factor - 1) / factor);
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    int n = 0;
                    for (int y = oy * factor; y < Math.min(h, (oy + 1) * factor); y++) {
                        for (int x = ox * factor; x < Math.min(w, (ox + 1) * factor); x++) {
                            sum += in.get(x, y, c);
                            n++;
                        }
                    }
                    out.rgb()[3 * (oy * out.width() + ox) + c] = (byte) ((sum + n / 2) / n);
                }
            }
        }
        return out;
    }

    /** Bilinear scaling with pixel centres aligned and edges clamped, 8-bit weights. */
    private static RgbImage enlarge(RgbImage in, int w, int h) {
        RgbImage out = new RgbImage(w, h);
        int iw = in.width();
        int ih = in.height();
        for (int y = 0; y < h; y++) {
            float sy = Math.max(0, (y + 0.5f) * ih / h - 0.5f);
            int top = Math.min((int) sy, ih - 1);
            int fy = (int) ((sy - top) * 256);
            for (int x = 0; x < w; x++) {
                float sx = Math.max(0, (x + 0.5f) * iw / w - 0.5f);
                int left = Math.min((int) sx, iw - 1);
                int fx = (int) ((sx - left) * 256);
                int right = Math.min(left + 1, iw - 1);
                int bottom = Math.min(top + 1, ih - 1);
                for (int c = 0; c < 3; c++) {
                    int a = in.get(left, top, c) * (256 - fx) + in.get(right, top, c) * fx;
                    int b = in.get(left, bottom, c) * (256 - fx) + in.get(right, bottom, c) * fx;
                    out.rgb()[3 * (y * w + x) + c] = (byte) ((a * (256 - fy) + b * fy + 32768) >> 16);
                }
            }
        }
        return out;
    }
}
