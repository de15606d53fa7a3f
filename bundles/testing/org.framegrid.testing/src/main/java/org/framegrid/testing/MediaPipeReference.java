package org.framegrid.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What MediaPipe's own solutions produced on the real test images when {@code org.framegrid.models}' ReferenceCheckTest
 * ran them in headless Chromium: the pixels Chromium decoded ({@code pixels/NAME.rgba}), the selfie segmentation
 * solution's masks ({@code selfie/NAME.mask}, RGBA: the confidence is the alpha channel) and the pose solution's
 * landmarks ({@code pose/NAME.json}: 33 of {@code [x, y, z, visibility]}, x and y normalised to the image). The
 * directory is the system property {@code framegrid.reference}, else {@code ~/.cache/framegrid/reference/mediapipe}.
 * A missing file fails the test on CI and skips it elsewhere ({@link Fixture}).
 *
 * @since 1.1
 */
public final class MediaPipeReference {

    private MediaPipeReference() {
    }

    /** @return the reference directory, checked to hold {@code part} (selfie, pose, pixels) */
    public static Path dir(String part) {
        Path dir = Path.of(System.getProperty("framegrid.reference",
                System.getProperty("user.home") + "/.cache/framegrid/reference/mediapipe"));
        Fixture.require(Files.isDirectory(dir.resolve(part)), "MediaPipe's reference results are not in " + dir
                + "/" + part + ": org.framegrid.models' ReferenceCheckTest writes them (it runs MediaPipe in Chromium)");
        return dir.resolve(part);
    }

    /** An RGBA image as the reference run wrote it: uint32le width, height, then RGBA bytes. */
    public record Rgba(int width, int height, byte[] rgba) {

        /** @return the image in {@code file}; a missing file fails on CI and skips elsewhere */
        public static Rgba read(Path file) throws IOException {
            Fixture.require(Files.isRegularFile(file), file + " is absent (the reference run writes it)");
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int width = bytes.getInt();
            int height = bytes.getInt();
            byte[] rgba = new byte[width * height * 4];
            bytes.get(rgba);
            return new Rgba(width, height, rgba);
        }

        /** @return channel {@code c} (0 red .. 3 alpha) of pixel {@code (x, y)}, 0..255 */
        public int channel(int x, int y, int c) {
            return rgba[(y * width + x) * 4 + c] & 0xff;
        }

        /** @return the RGB of the image (alpha dropped) */
        public BufferedImage image() {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.setRGB(x, y, channel(x, y, 0) << 16 | channel(x, y, 1) << 8 | channel(x, y, 2));
                }
            }
            return image;
        }
    }

    /** @return the pixels Chromium decoded from the test image {@code name} (without extension) */
    public static Rgba pixels(String name) throws IOException {
        return Rgba.read(dir("pixels").resolve(name + ".rgba"));
    }
}
