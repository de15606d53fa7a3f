package org.framegrid.stage.vision;

import java.nio.FloatBuffer;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.inference.api.ColorOrder;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Normalization;
import org.framegrid.inference.api.TensorLayout;

/**
 * Samples a {@link Region} of a packed RGB24, BGR24 or RGBA frame into a landmark model's square image input,
 * bilinearly, normalised as the model's descriptor says ({@code (v * scale - mean) / std}, linear, so it applies to the
 * interpolated value), in its layout. Outside the frame the input gets black (0 before normalisation), as MediaPipe's
 * {@code ImageToTensorCalculator} pads; edge replication moved the astronaut's landmarks further from MediaPipe's own.
 *
 * <p>The frame rows the region reaches are copied once per frame into a reused array; the sample position steps along each input row
 * by two integer additions (16.16 fixed point), weights are 8-bit (as the ImageInputWriter's), samples wholly inside
 * the frame (nearly all) take the fast path, and each input row goes into the tensor in one bulk put.
 *
 * <p>Not thread-safe: one per stage instance.
 */
public final class RegionCrop {

    private final int size;
    private final boolean nhwc;
    /** Per model channel: normalised = value * gain + offset. */
    private final float[] gain = new float[3];
    private final float[] offset = new float[3];
    /** Per model channel, which colour it takes: 0 red, 1 green, 2 blue. */
    private final int[] colour = new int[3];
    private final int[] byteOf = new int[3];
    private static final double ONE = 65536;
    /** From the 16-bit fixed-point bilinear sum to 0..255. */
    private static final float INV = 1f / 65536;
    private final float[] row;
    private final float[] planeRow;
    /** The frame rows the last region reaches, from row {@link #first} on. */
    private byte[] pixels = new byte[0];
    private int first;

    /**
     * @param spec the model's image input (RGB or BGR)
     * @param size its side in pixels
     */
    public RegionCrop(ImageInput spec, int size) {
        this.size = size;
        this.nhwc = spec.layout() == TensorLayout.NHWC;
        this.row = new float[3 * size];
        this.planeRow = new float[size];
        Normalization n = spec.normalization();
        boolean bgr = spec.colorOrder() == ColorOrder.BGR;
        for (int c = 0; c < 3; c++) {
            colour[c] = bgr ? 2 - c : c;
            offset[c] = n.apply(c, 0);
            gain[c] = n.apply(c, 1) - offset[c];
        }
    }

    /** Writes {@code region} of {@code frame} into {@code input} (the whole tensor). */
    public void write(Frame frame, Region region, FloatBuffer input) {
        int stride = frame.stride(0);
        int bpp = frame.format().elementBytes(0);
        int width = frame.width();
        int height = frame.height();
        // Only the rows the region's square can reach (its half diagonal around the centre, a pixel more for the
        // bilinear neighbour) are copied: a face is a third of a frame's height, not all of it.
        double reach = region.side() * Math.sqrt(0.5) + 2;
        first = (int) Math.clamp(Math.floor(region.cy() - reach), 0, height - 1);
        int last = (int) Math.clamp(Math.ceil(region.cy() + reach), 0, height - 1);
        int bytes = stride * (last - first) + width * bpp;
        if (pixels.length < bytes) {
            pixels = new byte[bytes];
        }
        frame.data().get(frame.offset(0) + first * stride, pixels, 0, bytes);
        boolean bgrFrame = frame.format() == PixelFormat.BGR24;
        for (int c = 0; c < 3; c++) {
            byteOf[c] = bgrFrame ? 2 - colour[c] : colour[c];
        }
        double step = region.side() / size;
        // Positions in 16.16 fixed point, stepped by integer additions; weights are their top 8 fraction bits.
        int dx = (int) Math.round(Math.cos(region.rotation()) * step * ONE);
        int dy = (int) Math.round(Math.sin(region.rotation()) * step * ONE);
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            // Frame position of the centre of input pixel (0, y), minus 0.5 for pixel-centre sampling.
            double u = 0.5 - size / 2.0;
            double v = y + 0.5 - size / 2.0;
            double sx = region.cx() + (u * dx - v * dy) / ONE - 0.5;
            double sy = region.cy() + (u * dy + v * dx) / ONE - 0.5;
            sampleRow((int) Math.round(sx * ONE), (int) Math.round(sy * ONE), dx, dy, width, height, stride, bpp);
            if (nhwc) {
                input.put(3 * size * y, row, 0, 3 * size);
            } else {
                for (int c = 0; c < 3; c++) {
                    for (int x = 0; x < size; x++) {
                        planeRow[x] = row[3 * x + c];
                    }
                    input.put(c * plane + y * size, planeRow, 0, size);
                }
            }
        }
    }

    /**
     * Fills {@link #row} with the normalised bilinear samples along one input row, starting at 16.16 frame position
     * {@code (fx, fy)} and stepping by {@code (dx, dy)}. Samples wholly inside the frame (nearly all) take the fast
     * path, with the channels' offsets, gains and offsets in locals.
     */
    private void sampleRow(int fx, int fy, int dx, int dy, int width, int height, int stride, int bpp) {
        byte[] px = pixels;
        float[] out = row;
        int k0 = byteOf[0];
        int k1 = byteOf[1];
        int k2 = byteOf[2];
        float g0 = gain[0] * INV;
        float g1 = gain[1] * INV;
        float g2 = gain[2] * INV;
        float o0 = offset[0];
        float o1 = offset[1];
        float o2 = offset[2];
        int base = first * stride;
        for (int x = 0, at = 0; x < size; x++, fx += dx, fy += dy, at += 3) {
            int x0 = fx >> 16;
            int y0 = fy >> 16;
            if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
                edgeSample(x0, y0, (fx >> 8) & 0xff, (fy >> 8) & 0xff, width, height, stride, bpp, at);
                continue;
            }
            int wx = (fx >> 8) & 0xff;
            int wy = (fy >> 8) & 0xff;
            int vx = 256 - wx;
            int vy = 256 - wy;
            int p00 = y0 * stride + x0 * bpp - base;
            int p10 = p00 + bpp;
            int p01 = p00 + stride;
            int p11 = p01 + bpp;
            int top = (px[p00 + k0] & 0xff) * vx + (px[p10 + k0] & 0xff) * wx;
            int bottom = (px[p01 + k0] & 0xff) * vx + (px[p11 + k0] & 0xff) * wx;
            out[at] = (top * vy + bottom * wy) * g0 + o0;
            top = (px[p00 + k1] & 0xff) * vx + (px[p10 + k1] & 0xff) * wx;
            bottom = (px[p01 + k1] & 0xff) * vx + (px[p11 + k1] & 0xff) * wx;
            out[at + 1] = (top * vy + bottom * wy) * g1 + o1;
            top = (px[p00 + k2] & 0xff) * vx + (px[p10 + k2] & 0xff) * wx;
            bottom = (px[p01 + k2] & 0xff) * vx + (px[p11 + k2] & 0xff) * wx;
            out[at + 2] = (top * vy + bottom * wy) * g2 + o2;
        }
    }

    /** The sample at a frame position whose bilinear neighbours reach outside the frame (black there). */
    private void edgeSample(int x0, int y0, int wx, int wy, int width, int height, int stride, int bpp, int at) {
        for (int c = 0; c < 3; c++) {
            int k = byteOf[c];
            int top = pixel(x0, y0, k, width, height, stride, bpp) * (256 - wx)
                    + pixel(x0 + 1, y0, k, width, height, stride, bpp) * wx;
            int bottom = pixel(x0, y0 + 1, k, width, height, stride, bpp) * (256 - wx)
                    + pixel(x0 + 1, y0 + 1, k, width, height, stride, bpp) * wx;
            row[at + c] = (top * (256 - wy) + bottom * wy) * INV * gain[c] + offset[c];
        }
    }

    /** A frame pixel's byte {@code k}; outside the frame black, so the image fades into the padding over a pixel. */
    private int pixel(int x, int y, int k, int width, int height, int stride, int bpp) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0;
        }
        return pixels[(y - first) * stride + x * bpp + k] & 0xff;
    }
}
