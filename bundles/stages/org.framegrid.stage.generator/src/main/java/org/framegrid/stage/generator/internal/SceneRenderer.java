package org.framegrid.stage.generator.internal;

import java.nio.ByteBuffer;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;

/**
 * Draws the scene's world: square tiles whose colour is a hash of their position, dark grid lines, and a white
 * cross-hair in the middle (the player). The picture is a function of the camera position alone, so a test can tell
 * which camera a frame was made for. Rows are built as packed RGB, then written in the frame's format (YUV: BT.601
 * full range, chroma from the left pixel of each pair). One instance per stream; not thread-safe.
 */
final class SceneRenderer {
    static final int TILE = 80;
    private static final int LINE = 2;
    private int[] rgb = new int[0];
    private byte[] row = new byte[0];

    void draw(Frame f, double cameraX, double cameraY) {
        int w = f.width();
        int h = f.height();
        if (rgb.length < w) {
            rgb = new int[w];
            row = new byte[w * 4];
        }
        long x0 = (long) Math.floor(cameraX);
        long y0 = (long) Math.floor(cameraY);
        int cross = Math.max(2, w / 40);
        for (int y = 0; y < h; y++) {
            long wy = y0 + y;
            boolean line = Math.floorMod(wy, TILE) < LINE;
            long ty = Math.floorDiv(wy, TILE);
            for (int x = 0; x < w; x++) {
                long wx = x0 + x;
                rgb[x] = line || Math.floorMod(wx, TILE) < LINE ? 0x202020 : tile(Math.floorDiv(wx, TILE), ty);
            }
            if (Math.abs(y - h / 2) < cross) {
                int half = Math.abs(y - h / 2) < 2 ? cross : 2;
                for (int x = Math.max(0, w / 2 - half); x < Math.min(w, w / 2 + half); x++) {
                    rgb[x] = 0xFFFFFF;
                }
            }
            write(f, y, w);
        }
    }

    /** A tile's colour: mid-range (never black or white), different for neighbours. */
    private static int tile(long tx, long ty) {
        long hsh = (tx * 0x9E3779B97F4A7C15L) ^ (ty * 0xC2B2AE3D27D4EB4FL);
        hsh ^= hsh >>> 29;
        int r = 48 + (int) ((hsh >>> 8) & 0x9F);
        int g = 48 + (int) ((hsh >>> 20) & 0x9F);
        int b = 48 + (int) ((hsh >>> 32) & 0x9F);
        return r << 16 | g << 8 | b;
    }

    private void write(Frame f, int y, int w) {
        ByteBuffer d = f.data();
        PixelFormat fmt = f.format();
        int bpp = fmt.elementBytes(0);
        for (int x = 0; x < w; x++) {
            int c = rgb[x];
            int r = c >> 16 & 0xFF;
            int g = c >> 8 & 0xFF;
            int b = c & 0xFF;
            switch (fmt) {
                case RGB24, RGBA -> {
                    row[x * bpp] = (byte) r;
                    row[x * bpp + 1] = (byte) g;
                    row[x * bpp + 2] = (byte) b;
                    if (bpp == 4) {
                        row[x * bpp + 3] = (byte) 255;
                    }
                }
                case BGR24 -> {
                    row[x * 3] = (byte) b;
                    row[x * 3 + 1] = (byte) g;
                    row[x * 3 + 2] = (byte) r;
                }
                default -> row[x] = (byte) ((299 * r + 587 * g + 114 * b) / 1000); // GRAY8, I420, NV12: luma
            }
        }
        d.put(f.offset(0) + y * f.stride(0), row, 0, w * bpp);
        if ((fmt == PixelFormat.I420 || fmt == PixelFormat.NV12) && y % 2 == 0) {
            for (int x = 0; x < w; x += 2) {
                int c = rgb[x];
                int r = c >> 16 & 0xFF;
                int g = c >> 8 & 0xFF;
                int b = c & 0xFF;
                byte u = (byte) Math.clamp(Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b), 0, 255);
                byte v = (byte) Math.clamp(Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b), 0, 255);
                if (fmt == PixelFormat.I420) {
                    d.put(f.offset(1) + y / 2 * f.stride(1) + x / 2, u);
                    d.put(f.offset(2) + y / 2 * f.stride(2) + x / 2, v);
                } else {
                    d.put(f.offset(1) + y / 2 * f.stride(1) + x, u);
                    d.put(f.offset(1) + y / 2 * f.stride(1) + x + 1, v);
                }
            }
        }
    }
}
