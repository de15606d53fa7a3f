package org.framegrid.stage.vision;

import java.nio.FloatBuffer;

/**
 * A single-channel float map (a matte, a depth map, a probability map) at model resolution, read back at any
 * resolution with bilinear sampling.
 *
 * <p>Mutable, not thread-safe; a stage instance reuses one per output.
 */
public final class FloatMap {

    private int width;
    private int height;
    private float[] values = new float[0];

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** @return the values row by row; the array may be longer than {@code width * height} */
    public float[] values() {
        return values;
    }

    /** Copies {@code width * height} floats from {@code source}'s index {@code from}. */
    public FloatMap read(FloatBuffer source, int from, int newWidth, int newHeight) {
        width = newWidth;
        height = newHeight;
        if (values.length < width * height) {
            values = new float[width * height];
        }
        source.get(from, values, 0, width * height);
        return this;
    }

    /** @return the smallest and largest finite value, {@code {0, 0}} when there is none */
    public float[] range() {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < width * height; i++) {
            float v = values[i];
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min > max ? new float[] {0, 0} : new float[] {min, max};
    }

    /**
     * Samples the map stretched over a {@code outWidth x outHeight} grid, pixel centres aligned.
     *
     * @param out receives {@code outWidth * outHeight} values row by row
     */
    public void resample(int outWidth, int outHeight, float[] out) {
        int[] x0 = new int[outWidth];
        int[] x1 = new int[outWidth];
        float[] fx = new float[outWidth];
        for (int u = 0; u < outWidth; u++) {
            float sx = (u + 0.5f) * width / outWidth - 0.5f;
            int left = (int) Math.floor(sx);
            fx[u] = sx - left;
            x0[u] = Math.clamp(left, 0, width - 1);
            x1[u] = Math.clamp(left + 1, 0, width - 1);
        }
        for (int v = 0; v < outHeight; v++) {
            float sy = (v + 0.5f) * height / outHeight - 0.5f;
            int top = (int) Math.floor(sy);
            float fy = sy - top;
            int r0 = width * Math.clamp(top, 0, height - 1);
            int r1 = width * Math.clamp(top + 1, 0, height - 1);
            for (int u = 0; u < outWidth; u++) {
                float a = values[r0 + x0[u]] * (1 - fx[u]) + values[r0 + x1[u]] * fx[u];
                float b = values[r1 + x0[u]] * (1 - fx[u]) + values[r1 + x1[u]] * fx[u];
                out[v * outWidth + u] = a * (1 - fy) + b * fy;
            }
        }
    }
}
