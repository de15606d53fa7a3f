package org.framegrid.demo.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;

/**
 * One processed frame of the demo's stream saved as a PNG beside its video: the monitor decodes the stream as I420
 * (limited-range BT.601, as the encoder wrote it), converted to RGB here.
 */
final class Snapshot {

    private Snapshot() {
    }

    /** Writes {@code image} to {@code file} as a PNG. */
    static void write(BufferedImage image, Path file) throws IOException {
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * @return {@code frame} (I420) as an RGB image
     * @throws IllegalArgumentException when the frame is not I420
     */
    static BufferedImage image(Frame frame) {
        if (frame.format() != PixelFormat.I420) {
            throw new IllegalArgumentException("a snapshot needs an I420 frame, not " + frame.format());
        }
        int w = frame.width();
        int h = frame.height();
        ByteBuffer data = frame.data();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int luma = data.get(frame.offset(0) + y * frame.stride(0) + x) & 0xFF;
                int u = (data.get(frame.offset(1) + (y / 2) * frame.stride(1) + x / 2) & 0xFF) - 128;
                int v = (data.get(frame.offset(2) + (y / 2) * frame.stride(2) + x / 2) & 0xFF) - 128;
                double c = 1.164 * (luma - 16);
                int r = clamp(c + 1.596 * v);
                int g = clamp(c - 0.392 * u - 0.813 * v);
                int b = clamp(c + 2.017 * u);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static int clamp(double value) {
        return (int) Math.clamp(Math.round(value), 0, 255);
    }
}
