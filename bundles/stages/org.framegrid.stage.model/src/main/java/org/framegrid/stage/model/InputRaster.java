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
    /** One source row's bytes, and the two source rows an input row is weighted from, interpolated along x. */
    private byte[] line = new byte[0];
    private int[] sumsA = new int[0];
    private int[] sumsB = new int[0];
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
        if (line.length < frameRowBytes) {
            line = new byte[frameRowBytes]; // once per frame geometry
        }
        if (sumsA.length < 3 * columns) {
            sumsA = new int[3 * columns];
            sumsB = new int[3 * columns];
        }
        if (values.length < width * height * channels) {
            values = new float[width * height * channels];
        }
    }

    /**
     * Samples every image row of {@code frame}; padding rows only when fresh (they never change otherwise). Bilinear
     * sampling is separable and done in two steps with the same integer arithmetic as one: each source row the input
     * needs is interpolated along x once ({@link #horizontal}, kept while the next input row needs it too), and each
     * input row combines its two interpolated rows.
     */
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
            int rowB = rows.b[v];
            if (rowA != loadedA) {
                if (rowA == loadedB) {
                    // The previous input row's lower source row is this one's upper: swap, do not redo it.
                    int[] swap = sumsA;
                    sumsA = sumsB;
                    sumsB = swap;
                    loadedB = -1;
                } else {
                    horizontal(data, base + rowA, rowBytes, sumsA, first, last);
                }
                loadedA = rowA;
            }
            if (rowB != loadedB) {
                if (rowB == rowA) {
                    System.arraycopy(sumsA, 0, sumsB, 0, 3 * used);
                } else {
                    horizontal(data, base + rowB, rowBytes, sumsB, first, last);
                }
                loadedB = rowB;
            }
            if (nhwc && channels == 3) {
                nhwcRow(v * inputWidth * 3, rows.weight[v]);
            } else {
                anyRow(v, rows.weight[v]);
            }
        }
    }

    /**
     * Interpolates one source row along x: for each input column its three channels (model order) as
     * {@code left * (256 - fx) + right * fx}, 0..65280. A bulk copy of the row first: array reads are several times
     * faster than ByteBuffer.get.
     */
    private void horizontal(ByteBuffer data, int at, int rowBytes, int[] sums, int first, int last) {
        data.get(at, line, 0, rowBytes);
        byte[] a = line;
        int[] columnA = columns.a;
        int[] columnB = columns.b;
        int[] columnWeight = columns.weight;
        for (int u = 0, o = 0; u < used; u++, o += 3) {
            int ca = columnA[u];
            if (ca < 0) {
                continue;
            }
            int cb = columnB[u];
            int fx = columnWeight[u];
            int gx = 256 - fx;
            sums[o] = (a[ca + first] & 0xff) * gx + (a[cb + first] & 0xff) * fx;
            sums[o + 1] = (a[ca + 1] & 0xff) * gx + (a[cb + 1] & 0xff) * fx;
            sums[o + 2] = (a[ca + last] & 0xff) * gx + (a[cb + last] & 0xff) * fx;
        }
    }

    /** The common case (BlazeFace, selfie), kept free of layout branches and 2-D lookups so the JIT compiles it tight. */
    private void nhwcRow(int at, int fy) {
        int[] top = sumsA;
        int[] bottom = sumsB;
        float[] out = values;
        float[] l0 = lut0;
        float[] l1 = lut1;
        float[] l2 = lut2;
        int[] columnA = columns.a;
        int n = used;
        int gy = 256 - fy;
        for (int u = 0, o = 0; u < n; u++, at += 3, o += 3) {
            if (columnA[u] < 0) {
                out[at] = pad[0];
                out[at + 1] = pad[1];
                out[at + 2] = pad[2];
                continue;
            }
            out[at] = l0[(top[o] * gy + bottom[o] * fy + 32768) >> 16];
            out[at + 1] = l1[(top[o + 1] * gy + bottom[o + 1] * fy + 32768) >> 16];
            out[at + 2] = l2[(top[o + 2] * gy + bottom[o + 2] * fy + 32768) >> 16];
        }
    }

    /** Every other layout and colour order: NCHW planes, or a fourth constant channel. */
    private void anyRow(int v, int fy) {
        int gy = 256 - fy;
        for (int u = 0, o = 0; u < used; u++, o += 3) {
            if (columns.a[u] < 0) {
                put(v, u, pad[0], pad[1], pad[2]);
                continue;
            }
            put(v, u, lut0[(sumsA[o] * gy + sumsB[o] * fy + 32768) >> 16],
                    lut1[(sumsA[o + 1] * gy + sumsB[o + 1] * fy + 32768) >> 16],
                    lut2[(sumsA[o + 2] * gy + sumsB[o + 2] * fy + 32768) >> 16]);
        }
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
