package org.framegrid.stage.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The box blur against a plain pixel-by-pixel reference of the same definition (edges repeated, rounded sums). */
class BoxBlurTest {

    @ParameterizedTest(name = "{0}x{1}, radius {2}, {3} passes")
    @CsvSource({"37, 23, 1, 1", "37, 23, 4, 3", "64, 9, 12, 3", "5, 40, 7, 2", "1, 1, 3, 3", "420, 3, 200, 3"})
    void rowByRowPassesGiveWhatTheDefinitionGives(int w, int h, int radius, int passes) {
        RgbImage source = new RgbImage(w, h);
        new Random(w * 31L + h).nextBytes(source.rgb());
        RgbImage blurred = new RgbImage();
        new BoxBlur().blur(source, blurred, radius, passes);
        byte[] expected = Arrays.copyOf(source.rgb(), 3 * w * h);
        for (int p = 0; p < passes; p++) {
            expected = pass(expected, w, h, radius, true);
            expected = pass(expected, w, h, radius, false);
        }
        assertArrayEquals(expected, Arrays.copyOf(blurred.rgb(), 3 * w * h));
    }

    /** The reciprocal division the passes use is exact for every box sum of every radius the stage allows (200). */
    @Test
    void reciprocalDivisionIsExactForEveryBoxSum() {
        for (int d = 1; d <= 2 * 200 + 1; d++) {
            long reciprocal = BoxBlur.reciprocal(d);
            for (int n = 0; n <= 256 * d; n++) {
                if (BoxBlur.divide(n, reciprocal) != n / d) {
                    throw new AssertionError(n + " / " + d + " gave " + BoxBlur.divide(n, reciprocal));
                }
            }
        }
    }

    /** One box pass along rows ({@code horizontal}) or columns: the rounded mean of 2r+1 pixels, edges repeated. */
    private static byte[] pass(byte[] in, int w, int h, int r, boolean horizontal) {
        byte[] out = new byte[in.length];
        int size = 2 * r + 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int k = -r; k <= r; k++) {
                        int sx = horizontal ? Math.clamp(x + k, 0, w - 1) : x;
                        int sy = horizontal ? y : Math.clamp(y + k, 0, h - 1);
                        sum += in[3 * (sy * w + sx) + c] & 0xff;
                    }
                    out[3 * (y * w + x) + c] = (byte) ((sum + size / 2) / size);
                }
            }
        }
        return out;
    }
}
