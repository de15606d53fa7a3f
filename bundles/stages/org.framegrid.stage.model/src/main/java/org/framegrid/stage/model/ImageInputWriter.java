package org.framegrid.stage.model;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.inference.api.ColorOrder;
import org.framegrid.inference.api.Normalization;
import org.framegrid.inference.api.TensorLayout;

/**
 * Writes a packed RGB24, BGR24 or RGBA frame into a square float image input, letterboxed (see {@link Letterbox}),
 * bilinearly sampled, normalised as the model's descriptor says and in its layout and colour order. The padding is
 * black, as MediaPipe's letterbox pads.
 *
 * <p>Sampling tables and row buffers are rebuilt only when the frame size or format changes, and normalisation is a
 * per-channel lookup table, so the steady state allocates nothing. Not thread-safe: one instance per stage instance.
 */
public final class ImageInputWriter {

    private final int size;
    private final TensorLayout layout;
    private final boolean bgrModel;
    private final float[] lut0 = new float[256];
    private final float[] lut1 = new float[256];
    private final float[] lut2 = new float[256];
    private final int[] columnA;
    private final int[] columnB;
    private final int[] columnWeight;
    private final int[] rowA;
    private final int[] rowB;
    private final int[] rowWeight;
    private final float[] values;
    private final float[] padding = new float[3];
    private byte[] lineA = new byte[0];
    private byte[] lineB = new byte[0];
    private int rowBytes;
    /** The first input row holding image, and the one after the last. */
    private final int[] imageRows = new int[2];
    private PixelFormat format;
    private int width;
    private int height;
    private int stride;
    private Letterbox letterbox;

    /**
     * @param size          the square input's side in pixels
     * @param layout        the input's layout, {@code NHWC} or {@code NCHW}
     * @param order         the colour order the model wants, RGB or BGR
     * @param normalization how the model wants 0..255 values mapped
     * @throws IllegalArgumentException if the colour order is neither RGB nor BGR
     */
    public ImageInputWriter(int size, TensorLayout layout, ColorOrder order, Normalization normalization) {
        if (order != ColorOrder.RGB && order != ColorOrder.BGR) {
            throw new IllegalArgumentException("an image input must be RGB or BGR, the model wants " + order);
        }
        this.size = size;
        this.layout = layout;
        this.bgrModel = order == ColorOrder.BGR;
        for (int v = 0; v < 256; v++) {
            lut0[v] = normalization.apply(0, v);
            lut1[v] = normalization.apply(1, v);
            lut2[v] = normalization.apply(2, v);
        }
        columnA = new int[size];
        columnB = new int[size];
        columnWeight = new int[size];
        rowA = new int[size];
        rowB = new int[size];
        rowWeight = new int[size];
        values = new float[size * size * 3];
        padding[0] = lut0[0];
        padding[1] = lut1[0];
        padding[2] = lut2[0];
    }

    /** @return whether frames of {@code format} can be written */
    public static boolean accepts(PixelFormat format) {
        return format == PixelFormat.RGB24 || format == PixelFormat.BGR24 || format == PixelFormat.RGBA;
    }

    /**
     * Writes {@code frame} into {@code input} ({@code size * size * 3} floats). Pass the same {@code input} on every
     * call: the padding is written into it only when the frame geometry changes.
     *
     * @return the letterbox used, to map results back to the frame
     */
    public Letterbox write(Frame frame, FloatBuffer input) {
        if (!accepts(frame.format())) {
            throw new IllegalArgumentException("unsupported pixel format " + frame.format());
        }
        boolean fresh = frame.format() != format || frame.width() != width || frame.height() != height
                || frame.stride(0) != stride;
        if (fresh) {
            prepare(frame);
        }
        // Channel byte offsets inside a pixel, in the model's channel order.
        boolean bgrFrame = format == PixelFormat.BGR24;
        int first = bgrFrame == bgrModel ? 0 : 2;
        int last = 2 - first;
        ByteBuffer data = frame.data();
        int base = frame.offset(0);
        int plane = size * size;
        int loadedA = -1;
        int loadedB = -1;
        for (int v = 0; v < size; v++) {
            int out = v * size;
            if (rowA[v] < 0) {
                // Padding rows never change for one geometry: written once, kept in values and in the input.
                for (int u = 0; fresh && u < size; u++) {
                    put(out + u, plane, padding[0], padding[1], padding[2]);
                }
                continue;
            }
            // Bulk copies of the two source rows: array reads are several times faster than ByteBuffer.get.
            if (rowA[v] != loadedA) {
                data.get(base + rowA[v], lineA, 0, rowBytes);
                loadedA = rowA[v];
            }
            if (rowB[v] != loadedB) {
                data.get(base + rowB[v], lineB, 0, rowBytes);
                loadedB = rowB[v];
            }
            int fy = rowWeight[v];
            if (layout == TensorLayout.NHWC) {
                nhwcRow(out * 3, fy, first, last);
                continue;
            }
            for (int u = 0; u < size; u++) {
                int ca = columnA[u];
                if (ca < 0) {
                    put(out + u, plane, padding[0], padding[1], padding[2]);
                    continue;
                }
                int cb = columnB[u];
                int fx = columnWeight[u];
                put(out + u, plane, lut0[sample(ca + first, cb + first, fx, fy)], lut1[sample(ca + 1, cb + 1, fx, fy)],
                        lut2[sample(ca + last, cb + last, fx, fy)]);
            }
        }
        if (fresh || layout != TensorLayout.NHWC) {
            input.put(0, values);
        } else {
            int from = imageRows[0] * size * 3;
            input.put(from, values, from, (imageRows[1] - imageRows[0]) * size * 3);
        }
        return letterbox;
    }

    /** The common case, kept free of layout branches and 2-D lookups so the JIT compiles it tight. */
    private void nhwcRow(int at, int fy, int first, int last) {
        byte[] a = lineA;
        byte[] b = lineB;
        float[] out = values;
        int gy = 256 - fy;
        for (int u = 0; u < size; u++, at += 3) {
            int ca = columnA[u];
            if (ca < 0) {
                out[at] = padding[0];
                out[at + 1] = padding[1];
                out[at + 2] = padding[2];
                continue;
            }
            int cb = columnB[u];
            int fx = columnWeight[u];
            int gx = 256 - fx;
            out[at] = lut0[bilinear(a, b, ca + first, cb + first, fx, gx, fy, gy)];
            out[at + 1] = lut1[bilinear(a, b, ca + 1, cb + 1, fx, gx, fy, gy)];
            out[at + 2] = lut2[bilinear(a, b, ca + last, cb + last, fx, gx, fy, gy)];
        }
    }

    private static int bilinear(byte[] a, byte[] b, int colA, int colB, int fx, int gx, int fy, int gy) {
        int top = (a[colA] & 0xff) * gx + (a[colB] & 0xff) * fx;
        int bottom = (b[colA] & 0xff) * gx + (b[colB] & 0xff) * fx;
        return (top * gy + bottom * fy + 32768) >> 16;
    }

    private void put(int pixel, int plane, float c0, float c1, float c2) {
        if (layout == TensorLayout.NHWC) {
            values[3 * pixel] = c0;
            values[3 * pixel + 1] = c1;
            values[3 * pixel + 2] = c2;
        } else {
            values[pixel] = c0;
            values[plane + pixel] = c1;
            values[2 * plane + pixel] = c2;
        }
    }

    /** Bilinear sample in 8-bit fixed point (weights 0..256): exact enough for an 8-bit lookup, and no floats. */
    private int sample(int colA, int colB, int fx, int fy) {
        int top = (lineA[colA] & 0xff) * (256 - fx) + (lineA[colB] & 0xff) * fx;
        int bottom = (lineB[colA] & 0xff) * (256 - fx) + (lineB[colB] & 0xff) * fx;
        return (top * (256 - fy) + bottom * fy + 32768) >> 16;
    }

    /** Builds the sampling tables for a new frame geometry: a pixel column / row or -1 in the padding. */
    private void prepare(Frame frame) {
        format = frame.format();
        width = frame.width();
        height = frame.height();
        stride = frame.stride(0);
        letterbox = Letterbox.of(width, height, size);
        int bpp = format.elementBytes(0);
        rowBytes = width * bpp;
        if (lineA.length < rowBytes) {
            lineA = new byte[rowBytes]; // once per frame geometry
            lineB = new byte[rowBytes];
        }
        for (int u = 0; u < size; u++) {
            float x = (u + 0.5f - letterbox.padX()) / letterbox.scale() - 0.5f;
            boolean inside = u + 0.5f >= letterbox.padX() && u + 0.5f <= size - letterbox.padX();
            columnA[u] = inside ? clamp((int) Math.floor(x), width) * bpp : -1;
            columnB[u] = inside ? clamp((int) Math.floor(x) + 1, width) * bpp : -1;
            columnWeight[u] = inside ? weight(x) : 0;
        }
        for (int v = 0; v < size; v++) {
            float y = (v + 0.5f - letterbox.padY()) / letterbox.scale() - 0.5f;
            boolean inside = v + 0.5f >= letterbox.padY() && v + 0.5f <= size - letterbox.padY();
            rowA[v] = inside ? clamp((int) Math.floor(y), height) * stride : -1;
            rowB[v] = inside ? clamp((int) Math.floor(y) + 1, height) * stride : -1;
            rowWeight[v] = inside ? weight(y) : 0;
        }
        imageRows[0] = size;
        imageRows[1] = 0;
        for (int v = 0; v < size; v++) {
            if (rowA[v] >= 0) {
                imageRows[0] = Math.min(imageRows[0], v);
                imageRows[1] = v + 1;
            }
        }
    }

    /** @return the fractional part of {@code position} as a weight 0..256 of the next sample */
    private static int weight(float position) {
        return Math.round(Math.clamp(position - (float) Math.floor(position), 0f, 1f) * 256);
    }

    private static int clamp(int value, int limit) {
        return Math.max(0, Math.min(limit - 1, value));
    }
}
