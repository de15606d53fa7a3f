package org.framegrid.stage.util.internal;

import org.framegrid.api.frame.Frame;

/** Clipped drawing primitives on any pixel format, through {@link PixelColors}. */
final class Draw {
    private Draw() {
    }

    static void fill(Frame f, int x, int y, int w, int h, int rgb) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(f.width(), x + w);
        int y1 = Math.min(f.height(), y + h);
        for (int yy = y0; yy < y1; yy++) {
            for (int xx = x0; xx < x1; xx++) {
                PixelColors.write(f, xx, yy, rgb);
            }
        }
    }

    /** A rectangle outline {@code t} pixels thick, inside the box. */
    static void rect(Frame f, int x, int y, int w, int h, int t, int rgb) {
        fill(f, x, y, w, t, rgb);
        fill(f, x, y + h - t, w, t, rgb);
        fill(f, x, y, t, h, rgb);
        fill(f, x + w - t, y, t, h, rgb);
    }

    /** Bresenham, with a square pen of {@code t} pixels. */
    static void line(Frame f, int x0, int y0, int x1, int y1, int t, int rgb) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        int steps = 0;
        while (steps++ < 100_000) {
            fill(f, x0 - t / 2, y0 - t / 2, t, t, rgb);
            if (x0 == x1 && y0 == y1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }
}
