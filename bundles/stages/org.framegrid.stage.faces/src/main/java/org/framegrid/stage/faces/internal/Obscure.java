package org.framegrid.stage.faces.internal;

import java.nio.ByteBuffer;

import org.framegrid.api.frame.Frame;

/**
 * Pixel operations that make a rectangle of a packed frame (RGB24, BGR24, RGBA) unrecognisable, in place, touching
 * no pixel outside it. Not thread-safe: the blur's scratch row is reused between calls.
 */
final class Obscure {

    private int[] scratch = new int[0];

    /** Replaces each {@code block x block} tile of the rectangle by its mean colour. */
    void pixelate(Frame frame, int x0, int y0, int x1, int y1, int block) {
        ByteBuffer data = frame.data();
        int bpp = frame.format().elementBytes(0);
        int stride = frame.stride(0);
        int base = frame.offset(0);
        for (int ty = y0; ty < y1; ty += block) {
            int ty1 = Math.min(y1, ty + block);
            for (int tx = x0; tx < x1; tx += block) {
                int tx1 = Math.min(x1, tx + block);
                for (int c = 0; c < bpp; c++) {
                    long total = 0;
                    for (int y = ty; y < ty1; y++) {
                        int row = base + y * stride;
                        for (int x = tx; x < tx1; x++) {
                            total += data.get(row + x * bpp + c) & 0xff;
                        }
                    }
                    byte mean = (byte) (total / ((long) (ty1 - ty) * (tx1 - tx)));
                    for (int y = ty; y < ty1; y++) {
                        int row = base + y * stride;
                        for (int x = tx; x < tx1; x++) {
                            data.put(row + x * bpp + c, mean);
                        }
                    }
                }
            }
        }
    }

    /**
     * A separable box blur of {@code radius} inside the rectangle; samples beyond its edges are clamped to it, so the
     * result depends only on the rectangle's own pixels.
     */
    void blur(Frame frame, int x0, int y0, int x1, int y1, int radius) {
        int w = x1 - x0;
        int h = y1 - y0;
        if (w <= 0 || h <= 0) {
            return;
        }
        ByteBuffer data = frame.data();
        int bpp = frame.format().elementBytes(0);
        int stride = frame.stride(0);
        int base = frame.offset(0);
        int line = Math.max(w, h);
        if (scratch.length < line) {
            scratch = new int[line]; // grows to the largest face seen, then stays
        }
        int window = 2 * radius + 1;
        for (int c = 0; c < bpp; c++) {
            for (int y = y0; y < y1; y++) {
                blurLine(data, base + y * stride + x0 * bpp + c, bpp, w, radius, window);
            }
            for (int x = x0; x < x1; x++) {
                blurLine(data, base + y0 * stride + x * bpp + c, stride, h, radius, window);
            }
        }
    }

    /** Blurs the {@code n} samples at {@code start}, {@code start + step}, ... (a row or a column of one channel). */
    private void blurLine(ByteBuffer data, int start, int step, int n, int radius, int window) {
        for (int i = 0; i < n; i++) {
            scratch[i] = data.get(start + i * step) & 0xff;
        }
        boxLine(scratch, n, radius, window);
        for (int i = 0; i < n; i++) {
            data.put(start + i * step, (byte) scratch[i]);
        }
    }

    /** Running-sum box filter of one line, in place, edges clamped; the sums are kept in the upper bits. */
    private static void boxLine(int[] line, int n, int radius, int window) {
        // Sums are written ahead of the values they replace, so keep the original values in the low 8 bits until
        // every window that needs them has been summed.
        int sum = 0;
        for (int k = -radius; k <= radius; k++) {
            sum += line[Math.clamp(k, 0, n - 1)] & 0xff;
        }
        for (int i = 0; i < n; i++) {
            int mean = (sum + window / 2) / window;
            line[i] = (line[i] & 0xff) | mean << 8;
            sum += (line[Math.min(n - 1, i + radius + 1)] & 0xff) - (line[Math.max(0, i - radius)] & 0xff);
        }
        for (int i = 0; i < n; i++) {
            line[i] = line[i] >>> 8;
        }
    }
}
