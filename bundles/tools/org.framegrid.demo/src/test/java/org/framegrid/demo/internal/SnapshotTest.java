package org.framegrid.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's snapshot: an I420 frame (limited-range BT.601, as the monitor decodes the stream) to an RGB PNG. The left
 * half of the frame is BT.601's red (Y 81, U 90, V 240), the right half mid grey (Y 126, U = V = 128).
 */
class SnapshotTest {

    @Test
    void i420BecomesTheColoursItEncodes(@TempDir Path dir) throws Exception {
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            Frame frame = engine.pool().acquire(PixelFormat.I420, 64, 32);
            try {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 64; x++) {
                        frame.data().put(frame.offset(0) + y * frame.stride(0) + x, (byte) (x < 32 ? 81 : 126));
                    }
                }
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 32; x++) {
                        frame.data().put(frame.offset(1) + y * frame.stride(1) + x, (byte) (x < 16 ? 90 : 128));
                        frame.data().put(frame.offset(2) + y * frame.stride(2) + x, (byte) (x < 16 ? 240 : 128));
                    }
                }
                Path file = dir.resolve("frame.png");
                Snapshot.write(Snapshot.image(frame), file);
                BufferedImage png = ImageIO.read(file.toFile());
                assertEquals(64, png.getWidth());
                assertEquals(32, png.getHeight());
                assertClose(0xFF0000, png.getRGB(5, 5), "red");
                assertClose(0x808080, png.getRGB(50, 20), "grey");
                assertTrue(Files.size(file) > 0);
            } finally {
                frame.release();
            }
            Frame rgb = engine.pool().acquire(PixelFormat.RGB24, 8, 8);
            try {
                assertThrows(IllegalArgumentException.class, () -> Snapshot.image(rgb));
            } finally {
                rgb.release();
            }
        }
    }

    private static void assertClose(int expected, int actual, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expected >> shift & 0xFF;
            int a = actual >> shift & 0xFF;
            assertTrue(Math.abs(e - a) <= 3, what + ": expected #" + Integer.toHexString(expected) + ", got #"
                    + Integer.toHexString(actual & 0xFFFFFF));
        }
    }
}
