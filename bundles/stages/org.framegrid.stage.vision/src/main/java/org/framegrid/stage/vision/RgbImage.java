package org.framegrid.stage.vision;

import java.nio.ByteBuffer;
import java.util.Set;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;

/**
 * A packed 8-bit RGB image on the heap, read from and written to a frame: what the model stages composite, blur and
 * colour-map with plain array reads instead of per-byte buffer calls. One copy per frame costs well under a
 * millisecond at 720p, against tens to hundreds of milliseconds of inference.
 *
 * <p>Mutable and not thread-safe: a stage instance keeps one and refills it per frame with {@link #read}.
 */
public final class RgbImage {

    /** The packed formats an image is read from and written to. */
    private static final Set<PixelFormat> FORMATS = Set.of(PixelFormat.RGB24, PixelFormat.BGR24, PixelFormat.RGBA);

    private int width;
    private int height;
    private byte[] rgb = new byte[0];

    public RgbImage() {
    }

    public RgbImage(int width, int height) {
        resize(width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** @return the pixels, {@code 3 * width * height} bytes row by row (the array may be longer) */
    public byte[] rgb() {
        return rgb;
    }

    /** Makes this image {@code width x height}, reusing the array when it is large enough; pixels are undefined. */
    public RgbImage resize(int newWidth, int newHeight) {
        width = newWidth;
        height = newHeight;
        if (rgb.length < 3 * width * height) {
            rgb = new byte[3 * width * height];
        }
        return this;
    }

    /** @return whether frames of {@code format} can be read and written */
    public static boolean accepts(PixelFormat format) {
        return FORMATS.contains(format);
    }

    /**
     * Copies {@code frame}'s pixels into this image (resized to the frame).
     *
     * @throws IllegalArgumentException when the frame is not RGB24, BGR24 or RGBA
     */
    public RgbImage read(Frame frame) {
        PixelFormat format = frame.format();
        if (!accepts(format)) {
            throw new IllegalArgumentException("expected an RGB24, BGR24 or RGBA frame, got " + format);
        }
        resize(frame.width(), frame.height());
        ByteBuffer data = frame.data();
        int bpp = format.elementBytes(0);
        int rowBytes = width * 3;
        if (format == PixelFormat.RGB24) {
            for (int y = 0; y < height; y++) {
                data.get(frame.offset(0) + y * frame.stride(0), rgb, y * rowBytes, rowBytes);
            }
            return this;
        }
        byte[] row = new byte[width * bpp];
        boolean bgr = format == PixelFormat.BGR24;
        for (int y = 0; y < height; y++) {
            data.get(frame.offset(0) + y * frame.stride(0), row, 0, row.length);
            for (int x = 0, o = y * rowBytes; x < width; x++, o += 3) {
                int i = x * bpp;
                rgb[o] = row[bgr ? i + 2 : i];
                rgb[o + 1] = row[i + 1];
                rgb[o + 2] = row[bgr ? i : i + 2];
            }
        }
        return this;
    }

    /**
     * Writes this image into {@code frame}, which must have the same size. RGBA frames get an opaque alpha.
     *
     * @throws IllegalArgumentException when the frame's size or format does not fit
     */
    public void write(Frame frame) {
        PixelFormat format = frame.format();
        if (!accepts(format) || frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("cannot write a " + width + "x" + height + " RGB image into a "
                    + frame.width() + "x" + frame.height() + " " + format + " frame");
        }
        ByteBuffer data = frame.data();
        int bpp = format.elementBytes(0);
        int rowBytes = width * 3;
        if (format == PixelFormat.RGB24) {
            for (int y = 0; y < height; y++) {
                data.put(frame.offset(0) + y * frame.stride(0), rgb, y * rowBytes, rowBytes);
            }
            return;
        }
        byte[] row = new byte[width * bpp];
        boolean bgr = format == PixelFormat.BGR24;
        for (int y = 0; y < height; y++) {
            for (int x = 0, o = y * rowBytes; x < width; x++, o += 3) {
                int i = x * bpp;
                row[bgr ? i + 2 : i] = rgb[o];
                row[i + 1] = rgb[o + 1];
                row[bgr ? i : i + 2] = rgb[o + 2];
                if (bpp == 4) {
                    row[i + 3] = (byte) 255;
                }
            }
            data.put(frame.offset(0) + y * frame.stride(0), row, 0, row.length);
        }
    }

    /** @return channel {@code c} (0 = R) of pixel {@code (x, y)}, 0..255 */
    public int get(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c] & 0xff;
    }
}
