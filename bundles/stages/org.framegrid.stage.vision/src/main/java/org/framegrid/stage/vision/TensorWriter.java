package org.framegrid.stage.vision;

import java.nio.FloatBuffer;

import org.framegrid.inference.api.ColorOrder;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Normalization;
import org.framegrid.inference.api.TensorLayout;

/**
 * Writes a rectangle of an {@link RgbImage} into a float image input of {@code width x height}, stretched with
 * bilinear sampling, in the model's layout, colour order and normalisation (a per-channel lookup table, so
 * normalisation costs one array read per value).
 *
 * <p>Not thread-safe: one per stage instance. The tables are rebuilt only when the normalisation changes.
 */
public final class TensorWriter {

    private final ImageInput spec;
    private final float[][] lut = new float[3][256];
    private float[] values = new float[0];

    /**
     * @throws IllegalArgumentException when the input is not 3-channel RGB or BGR
     */
    public TensorWriter(ImageInput spec) {
        if (spec.colorOrder() != ColorOrder.RGB && spec.colorOrder() != ColorOrder.BGR) {
            throw new IllegalArgumentException("input " + spec.name() + " wants " + spec.colorOrder()
                    + "; these stages feed 3-channel RGB or BGR");
        }
        this.spec = spec;
        Normalization n = spec.normalization();
        for (int c = 0; c < 3; c++) {
            // Table c holds the model's channel c: for a BGR model that is the image's blue, normalised as channel c.
            for (int v = 0; v < 256; v++) {
                lut[c][v] = n.apply(c, v);
            }
        }
    }

    public ImageInput spec() {
        return spec;
    }

    /** Writes the whole image. */
    public void write(RgbImage image, int width, int height, FloatBuffer out) {
        write(image, 0, 0, image.width(), image.height(), width, height, out);
    }

    /**
     * Writes the image rectangle {@code (x, y, w, h)} (image pixels; may reach outside, edges are repeated) into
     * {@code out}, which holds at least {@code 3 * width * height} floats, starting at index 0.
     */
    public void write(RgbImage image, float x, float y, float w, float h, int width, int height, FloatBuffer out) {
        write(image, x, y, w, h, width, height, width, out);
    }

    /**
     * Like {@link #write(RgbImage, float, float, float, float, int, int, FloatBuffer)} into the left {@code width}
     * columns of an input {@code stride} columns wide (a text line padded on the right); the other columns are left
     * as they are.
     */
    public void write(RgbImage image, float x, float y, float w, float h, int width, int height, int stride,
            FloatBuffer out) {
        int plane = stride * height;
        if (values.length < 3 * plane) {
            values = new float[3 * plane];
        }
        byte[] rgb = image.rgb();
        int iw = image.width();
        int ih = image.height();
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        for (int u = 0; u < width; u++) {
            float sx = x + (u + 0.5f) * w / width - 0.5f;
            int left = (int) Math.floor(sx);
            fx[u] = sx - left;
            x0[u] = 3 * Math.clamp(left, 0, iw - 1);
            x1[u] = 3 * Math.clamp(left + 1, 0, iw - 1);
        }
        boolean bgr = spec.colorOrder() == ColorOrder.BGR;
        boolean nchw = spec.layout() == TensorLayout.NCHW;
        for (int v = 0; v < height; v++) {
            float sy = y + (v + 0.5f) * h / height - 0.5f;
            int top = (int) Math.floor(sy);
            float fy = sy - top;
            int r0 = 3 * iw * Math.clamp(top, 0, ih - 1);
            int r1 = 3 * iw * Math.clamp(top + 1, 0, ih - 1);
            for (int u = 0; u < width; u++) {
                for (int c = 0; c < 3; c++) {
                    float a = (rgb[r0 + x0[u] + c] & 0xff) * (1 - fx[u]) + (rgb[r0 + x1[u] + c] & 0xff) * fx[u];
                    float b = (rgb[r1 + x0[u] + c] & 0xff) * (1 - fx[u]) + (rgb[r1 + x1[u] + c] & 0xff) * fx[u];
                    int value = Math.round(a * (1 - fy) + b * fy);
                    int channel = bgr ? 2 - c : c;
                    int at = nchw ? channel * plane + v * stride + u : 3 * (v * stride + u) + channel;
                    values[at] = lut[channel][value];
                }
            }
        }
        if (stride == width) {
            out.put(0, values, 0, 3 * plane);
            return;
        }
        // NCHW: 3 * height rows of stride values; NHWC: height rows of 3 * stride values. The first part of each is ours.
        int rows = nchw ? 3 * height : height;
        int span = nchw ? stride : 3 * stride;
        int used = nchw ? width : 3 * width;
        for (int row = 0; row < rows; row++) {
            out.put(row * span, values, row * span, used);
        }
    }
}
