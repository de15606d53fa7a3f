package org.framegrid.models.internal.tflite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An RGBA image as Chromium decoded it ({@code browser/results/pixels/NAME.rgba}: uint32le width, height, then RGBA
 * bytes), so the Java side and the browser side start from identical pixels; and the model inputs built from it.
 */
record Pixels(int width, int height, byte[] rgba) {

    static Pixels read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int width = bytes.getInt();
        int height = bytes.getInt();
        byte[] rgba = new byte[width * height * 4];
        bytes.get(rgba);
        return new Pixels(width, height, rgba);
    }

    int channel(int x, int y, int c) {
        return rgba[(y * width + x) * 4 + c] & 0xff;
    }

    /**
     * The raw-model check input, built exactly as browser/page.html builds it: nearest-neighbour sampling of source
     * pixel floor((2x+1)W / 2w), then min + v * (max - min) / 255 (double arithmetic, stored as float), NHWC RGB.
     */
    float[] nearestInput(int w, int h, double min, double max) {
        float[] out = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            int sy = (int) Math.floor(((2.0 * y + 1) * height) / (2.0 * h));
            for (int x = 0; x < w; x++) {
                int sx = (int) Math.floor(((2.0 * x + 1) * width) / (2.0 * w));
                for (int c = 0; c < 3; c++) {
                    out[(y * w + x) * 3 + c] = (float) (min + (channel(sx, sy, c) * (max - min)) / 255);
                }
            }
        }
        return out;
    }

    /** Bilinear resize (pixel centres aligned, edges clamped) to w x h, RGB scaled to 0..1, NHWC. */
    float[] bilinearInput(int w, int h) {
        double[] values = bilinear(w, h);
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (values[i] / 255);
        }
        return out;
    }

    /** RGB values 0..255 (unrounded) of the bilinear resize to w x h, NHWC. */
    private double[] bilinear(int w, int h) {
        double[] out = new double[w * h * 3];
        double sx = (double) width / w;
        double sy = (double) height / h;
        for (int y = 0; y < h; y++) {
            double fy = Math.max((y + 0.5) * sy - 0.5, 0);
            int y0 = Math.min((int) fy, height - 1);
            int y1 = Math.min(y0 + 1, height - 1);
            double dy = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max((x + 0.5) * sx - 0.5, 0);
                int x0 = Math.min((int) fx, width - 1);
                int x1 = Math.min(x0 + 1, width - 1);
                double dx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    out[(y * w + x) * 3 + c] = channel(x0, y0, c) * (1 - dx) * (1 - dy) + channel(x1, y0, c) * dx * (1 - dy)
                            + channel(x0, y1, c) * (1 - dx) * dy + channel(x1, y1, c) * dx * dy;
                }
            }
        }
        return out;
    }
}
