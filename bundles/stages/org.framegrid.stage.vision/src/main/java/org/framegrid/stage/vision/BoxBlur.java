package org.framegrid.stage.vision;

/**
 * A separable box blur of an {@link RgbImage} (three passes approximate a Gaussian): running sums, so the cost does
 * not grow with the radius, and each rounded mean is a multiplication by a 32-bit reciprocal instead of an integer
 * division (exact: see {@link #divide}; divisions were most of the blur's time). Used for blurred backgrounds.
 *
 * <p>Not thread-safe: one per stage instance (it keeps its scratch rows).
 */
public final class BoxBlur {

    private int[] line = new int[0];
    private byte[] copy = new byte[0];
    private int[] sums = new int[0];

    /** Blurs {@code source} into {@code target} (resized to the source) with {@code passes} box passes. */
    public void blur(RgbImage source, RgbImage target, int radius, int passes) {
        int w = source.width();
        int h = source.height();
        target.resize(w, h);
        System.arraycopy(source.rgb(), 0, target.rgb(), 0, 3 * w * h);
        if (radius < 1) {
            return;
        }
        line = line.length < 3 * w ? new int[3 * w] : line;
        for (int p = 0; p < passes; p++) {
            for (int y = 0; y < h; y++) {
                pass(target.rgb(), 3 * y * w, 3, w, radius);
            }
            vertical(target.rgb(), w, h, radius);
        }
    }

    /**
     * The vertical box pass, row by row (cache-friendly): running sums of whole rows, read from a copy of the image.
     * Gives what a column-by-column pass gives: {@code (sum of the 2r+1 rows around, edges repeated + r) / (2r+1)}.
     */
    private void vertical(byte[] rgb, int w, int h, int radius) {
        int n = 3 * w;
        if (copy.length < n * h) {
            copy = new byte[n * h];
        }
        if (sums.length < n) {
            sums = new int[n];
        }
        System.arraycopy(rgb, 0, copy, 0, n * h);
        long reciprocal = reciprocal(2 * radius + 1);
        java.util.Arrays.fill(sums, 0, n, 0);
        for (int k = -radius; k <= radius; k++) {
            int row = Math.clamp(k, 0, h - 1) * n;
            for (int i = 0; i < n; i++) {
                sums[i] += copy[row + i] & 0xff;
            }
        }
        for (int y = 0; y < h; y++) {
            int out = y * n;
            int add = Math.min(y + radius + 1, h - 1) * n;
            int sub = Math.max(y - radius, 0) * n;
            for (int i = 0; i < n; i++) {
                rgb[out + i] = (byte) divide(sums[i] + radius, reciprocal);
                sums[i] += (copy[add + i] & 0xff) - (copy[sub + i] & 0xff);
            }
        }
    }

    /** One box pass over {@code n} pixels starting at {@code start}, {@code step} bytes apart; edges repeated. */
    private void pass(byte[] rgb, int start, int step, int n, int radius) {
        for (int i = 0; i < n; i++) {
            int at = start + i * step;
            line[3 * i] = rgb[at] & 0xff;
            line[3 * i + 1] = rgb[at + 1] & 0xff;
            line[3 * i + 2] = rgb[at + 2] & 0xff;
        }
        long reciprocal = reciprocal(2 * radius + 1);
        for (int c = 0; c < 3; c++) {
            int sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += line[3 * Math.clamp(k, 0, n - 1) + c];
            }
            for (int i = 0; i < n; i++) {
                rgb[start + i * step + c] = (byte) divide(sum + radius, reciprocal);
                sum += line[3 * Math.min(i + radius + 1, n - 1) + c] - line[3 * Math.max(i - radius, 0) + c];
            }
        }
    }

    /** @return the multiplier for {@link #divide} by {@code d}: {@code floor(2^32 / d) + 1} */
    static long reciprocal(int d) {
        return (1L << 32) / d + 1;
    }

    /**
     * @return {@code n / d} rounded down, for the {@link #reciprocal} of {@code d}; exact whenever {@code n * d < 2^32}
     *     (the error of the reciprocal, below {@code n / 2^32}, then stays under {@code 1 / d}): a box sum of
     *     {@code d <= 401} pixels (radius 200) is at most {@code 255 * d + d}, far inside
     */
    static int divide(int n, long reciprocal) {
        return (int) ((n * reciprocal) >>> 32);
    }
}
