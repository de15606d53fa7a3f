package org.framegrid.stage.model;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.inference.api.ColorOrder;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.TensorLayout;

/**
 * The sampling half of {@link ImageInputWriter}: takes the samples its {@link #columns} and {@link #rows} name from a
 * frame, normalises them through per-channel lookup tables into a heap copy of the input in the model's layout and
 * channel order, and copies what changed into the input tensor. Not thread-safe.
 */
final class InputRaster {

    final SampleAxis columns = new SampleAxis();
    final SampleAxis rows = new SampleAxis();
    private final boolean nhwc;
    private final boolean bgrModel;
    private final int channels;
    private final float[] lut0 = new float[256];
    private final float[] lut1 = new float[256];
    private final float[] lut2 = new float[256];
    /** The padding pixel in the model's channels, the constant channel included. */
    private final float[] pad = new float[4];
    private float[] values = new float[0];
    private byte[] lineA = new byte[0];
    private byte[] lineB = new byte[0];
    private int inputWidth;
    private int inputHeight;
    /** How many columns of each row are written: the input's width, or fewer for a crop. */
    private int used;

    InputRaster(ImageInput spec) {
        this.nhwc = spec.layout() == TensorLayout.NHWC;
        this.bgrModel = spec.colorOrder() == ColorOrder.BGR;
        this.channels = spec.colorOrder().channels();
        for (int v = 0; v < 256; v++) {
            // Table c normalises the model's channel c: for a BGR model that is the frame's blue.
            lut0[v] = spec.normalization().apply(0, v);
            lut1[v] = spec.normalization().apply(1, v);
            lut2[v] = spec.normalization().apply(2, v);
        }
        pad[0] = lut0[0];
        pad[1] = lut1[0];
        pad[2] = lut2[0];
        pad[3] = 1f; // RGB_ONE's constant channel: 1.0 after normalisation
    }

    /** Sizes the buffers for an input of {@code width x height} of which {@code columns} are written per row. */
    void resize(int width, int height, int columns, int frameRowBytes) {
        inputWidth = width;
        inputHeight = height;
        used = columns;
        if (lineA.length < frameRowBytes) {
            lineA = new byte[frameRowBytes]; // once per frame geometry
            lineB = new byte[frameRowBytes];
        }
        if (values.length < width * height * channels) {
            values = new float[width * height * channels];
        }
    }

    /** Samples every image row of {@code frame}; padding rows only when fresh (they never change otherwise). */
    void fill(Frame frame, boolean fresh) {
        PixelFormat format = frame.format();
        // Channel byte offsets inside a pixel, in the model's channel order.
        int first = (format == PixelFormat.BGR24) == bgrModel ? 0 : 2;
        int last = 2 - first;
        ByteBuffer data = frame.data();
        int base = frame.offset(0);
        int rowBytes = frame.width() * format.elementBytes(0);
        int loadedA = -1;
        int loadedB = -1;
        for (int v = 0; v < inputHeight; v++) {
            int rowA = rows.a[v];
            if (rowA < 0) {
                for (int u = 0; fresh && u < used; u++) {
                    put(v, u, pad[0], pad[1], pad[2]);
                }
                continue;
            }
            // Bulk copies of the two source rows: array reads are several times faster than ByteBuffer.get.
            if (rowA != loadedA) {
                data.get(base + rowA, lineA, 0, rowBytes);
                loadedA = rowA;
            }
            if (rows.b[v] != loadedB) {
                data.get(base + rows.b[v], lineB, 0, rowBytes);
                loadedB = rows.b[v];
            }
            if (nhwc && channels == 3) {
                nhwcRow(v * inputWidth * 3, rows.weight[v], first, last);
            } else {
                anyRow(v, rows.weight[v], first, last);
            }
        }
    }

    /** The common case (BlazeFace), kept free of layout branches and 2-D lookups so the JIT compiles it tight. */
    private void nhwcRow(int at, int fy, int first, int last) {
        byte[] a = lineA;
        byte[] b = lineB;
        float[] out = values;
        float[] l0 = lut0;
        float[] l1 = lut1;
        float[] l2 = lut2;
        int[] columnA = columns.a;
        int[] columnB = columns.b;
        int[] columnWeight = columns.weight;
        int n = used;
        int gy = 256 - fy;
        for (int u = 0; u < n; u++, at += 3) {
            int ca = columnA[u];
            if (ca < 0) {
                out[at] = pad[0];
                out[at + 1] = pad[1];
                out[at + 2] = pad[2];
                continue;
            }
            int cb = columnB[u];
            int fx = columnWeight[u];
            int gx = 256 - fx;
            out[at] = l0[bilinear(a, b, ca + first, cb + first, fx, gx, fy, gy)];
            out[at + 1] = l1[bilinear(a, b, ca + 1, cb + 1, fx, gx, fy, gy)];
            out[at + 2] = l2[bilinear(a, b, ca + last, cb + last, fx, gx, fy, gy)];
        }
    }

    /** Every other layout and colour order: NCHW planes, or a fourth constant channel. */
    private void anyRow(int v, int fy, int first, int last) {
        int gy = 256 - fy;
        for (int u = 0; u < used; u++) {
            int ca = columns.a[u];
            if (ca < 0) {
                put(v, u, pad[0], pad[1], pad[2]);
                continue;
            }
            int cb = columns.b[u];
            int fx = columns.weight[u];
            int gx = 256 - fx;
            put(v, u, lut0[bilinear(lineA, lineB, ca + first, cb + first, fx, gx, fy, gy)],
                    lut1[bilinear(lineA, lineB, ca + 1, cb + 1, fx, gx, fy, gy)],
                    lut2[bilinear(lineA, lineB, ca + last, cb + last, fx, gx, fy, gy)]);
        }
    }

    /** Bilinear sample in 8-bit fixed point (weights 0..256); with weights 0 it is the first pixel exactly. */
    private static int bilinear(byte[] a, byte[] b, int colA, int colB, int fx, int gx, int fy, int gy) {
        int top = (a[colA] & 0xff) * gx + (a[colB] & 0xff) * fx;
        int bottom = (b[colA] & 0xff) * gx + (b[colB] & 0xff) * fx;
        return (top * gy + bottom * fy + 32768) >> 16;
    }

    /** Stores pixel {@code (u, v)} of the input in the model's layout; the constant channel, if any, with it. */
    private void put(int v, int u, float c0, float c1, float c2) {
        int pixel = v * inputWidth + u;
        if (nhwc) {
            int at = channels * pixel;
            values[at] = c0;
            values[at + 1] = c1;
            values[at + 2] = c2;
            if (channels == 4) {
                values[at + 3] = pad[3];
            }
        } else {
            int plane = inputWidth * inputHeight;
            values[pixel] = c0;
            values[plane + pixel] = c1;
            values[2 * plane + pixel] = c2;
            if (channels == 4) {
                values[3 * plane + pixel] = pad[3];
            }
        }
    }

    /**
     * Copies what changed into {@code out}: everything written when fresh, otherwise the image rows only. Bulk puts,
     * one per span of a row, never one per value.
     */
    void copyTo(FloatBuffer out, boolean fresh) {
        int from = fresh ? 0 : rows.first;
        int to = fresh ? inputHeight : rows.end;
        if (to <= from) {
            return;
        }
        if (used == inputWidth) {
            if (nhwc) {
                int span = inputWidth * channels;
                out.put(from * span, values, from * span, (to - from) * span);
            } else {
                int plane = inputWidth * inputHeight;
                for (int c = 0; c < channels; c++) {
                    int at = c * plane + from * inputWidth;
                    out.put(at, values, at, (to - from) * inputWidth);
                }
            }
            return;
        }
        // A crop: the left columns of each row (NHWC), or of each row of each plane (NCHW).
        int rowCount = nhwc ? inputHeight : channels * inputHeight;
        int span = nhwc ? inputWidth * channels : inputWidth;
        int length = nhwc ? used * channels : used;
        for (int row = 0; row < rowCount; row++) {
            out.put(row * span, values, row * span, length);
        }
    }
}
