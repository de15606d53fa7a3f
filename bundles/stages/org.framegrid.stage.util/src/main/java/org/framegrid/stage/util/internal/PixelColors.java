package org.framegrid.stage.util.internal;

import java.nio.ByteBuffer;
import org.framegrid.api.frame.Frame;

/**
 * Reads and writes the colour of one pixel as packed {@code 0xRRGGBB} in any pixel format: the generic (not fast) path
 * of convert, overlay and test-source. YUV is BT.601 full range. Writing to a subsampled chroma plane overwrites the
 * shared sample, so the last pixel written in a 2x2 block decides its colour: good enough for drawing and test
 * patterns.
 */
final class PixelColors {
    private PixelColors() {
    }

    static int rgb(int r, int g, int b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private static int u8(ByteBuffer d, int i) {
        return d.get(i) & 0xFF;
    }

    static int read(Frame f, int x, int y) {
        ByteBuffer d = f.data();
        int i = f.offset(0) + y * f.stride(0);
        return switch (f.format()) {
            case RGB24 -> rgb(u8(d, i + x * 3), u8(d, i + x * 3 + 1), u8(d, i + x * 3 + 2));
            case BGR24 -> rgb(u8(d, i + x * 3 + 2), u8(d, i + x * 3 + 1), u8(d, i + x * 3));
            case RGBA -> rgb(u8(d, i + x * 4), u8(d, i + x * 4 + 1), u8(d, i + x * 4 + 2));
            case GRAY8 -> rgb(u8(d, i + x), u8(d, i + x), u8(d, i + x));
            case NV12 -> {
                int c = f.offset(1) + (y / 2) * f.stride(1) + (x / 2) * 2;
                yield yuv(u8(d, i + x), u8(d, c), u8(d, c + 1));
            }
            case I420 -> yuv(u8(d, i + x), u8(d, f.offset(1) + (y / 2) * f.stride(1) + x / 2),
                    u8(d, f.offset(2) + (y / 2) * f.stride(2) + x / 2));
            case TENSOR_F32 -> rgb(Math.round(d.getFloat(i + x * 4) * 255),
                    Math.round(d.getFloat(f.offset(1) + y * f.stride(1) + x * 4) * 255),
                    Math.round(d.getFloat(f.offset(2) + y * f.stride(2) + x * 4) * 255));
        };
    }

    static void write(Frame f, int x, int y, int rgb) {
        ByteBuffer d = f.data();
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        int i = f.offset(0) + y * f.stride(0);
        switch (f.format()) {
            case RGB24 -> put3(d, i + x * 3, r, g, b);
            case BGR24 -> put3(d, i + x * 3, b, g, r);
            case RGBA -> {
                put3(d, i + x * 4, r, g, b);
                d.put(i + x * 4 + 3, (byte) 255);
            }
            case GRAY8 -> d.put(i + x, (byte) luma(r, g, b));
            case NV12 -> {
                d.put(i + x, (byte) luma(r, g, b));
                int c = f.offset(1) + (y / 2) * f.stride(1) + (x / 2) * 2;
                d.put(c, (byte) cb(r, g, b));
                d.put(c + 1, (byte) cr(r, g, b));
            }
            case I420 -> {
                d.put(i + x, (byte) luma(r, g, b));
                d.put(f.offset(1) + (y / 2) * f.stride(1) + x / 2, (byte) cb(r, g, b));
                d.put(f.offset(2) + (y / 2) * f.stride(2) + x / 2, (byte) cr(r, g, b));
            }
            case TENSOR_F32 -> {
                d.putFloat(i + x * 4, r / 255f);
                d.putFloat(f.offset(1) + y * f.stride(1) + x * 4, g / 255f);
                d.putFloat(f.offset(2) + y * f.stride(2) + x * 4, b / 255f);
            }
        }
    }

    private static void put3(ByteBuffer d, int i, int a, int b, int c) {
        d.put(i, (byte) a);
        d.put(i + 1, (byte) b);
        d.put(i + 2, (byte) c);
    }

    static int luma(int r, int g, int b) {
        return clamp((77 * r + 150 * g + 29 * b + 128) >> 8);
    }

    private static int cb(int r, int g, int b) {
        return clamp(((-43 * r - 85 * g + 128 * b + 128) >> 8) + 128);
    }

    private static int cr(int r, int g, int b) {
        return clamp(((128 * r - 107 * g - 21 * b + 128) >> 8) + 128);
    }

    private static int yuv(int y, int u, int v) {
        int du = u - 128;
        int dv = v - 128;
        return rgb(y + ((359 * dv + 128) >> 8), y - ((88 * du + 183 * dv + 128) >> 8), y + ((454 * du + 128) >> 8));
    }
}
