package org.framegrid.stage.model;

/**
 * Where the samples of one axis of an image input come from: for each input column (or row), the byte offsets of the
 * two frame pixels (or rows) it is weighted from, and the weight of the second in 8-bit fixed point (0..256); offset
 * -1 marks padding. Built once per geometry by {@link ImageInputWriter}; the arrays may be longer than the axis.
 */
final class SampleAxis {

    int[] a = new int[0];
    int[] b = new int[0];
    int[] weight = new int[0];
    /** The first sample inside the image, and the one after the last ({@code first >= end} when there is none). */
    int first;
    int end;

    /**
     * Maps {@code n} samples: sample {@code u}'s centre {@code u + 0.5} lies in the image when it is within
     * {@code [dstStart, dstEnd]} (or always, when {@code everywhere}), at source pixel {@code srcStart + (u + 0.5 -
     * dstStart) / scale}; source indices are clamped to {@code [0, srcSize)} (edges repeat) and multiplied by
     * {@code unit} (bytes per pixel, or the row stride).
     */
    void map(int n, float dstStart, float dstEnd, float scale, float srcStart, int srcSize, int unit,
            boolean everywhere, boolean nearest) {
        if (a.length < n) {
            a = new int[n];
            b = new int[n];
            weight = new int[n];
        }
        first = n;
        end = 0;
        for (int u = 0; u < n; u++) {
            float centre = u + 0.5f;
            if (!everywhere && (centre < dstStart || centre > dstEnd)) {
                a[u] = -1;
                b[u] = -1;
                weight[u] = 0;
                continue;
            }
            float at = (centre - dstStart) / scale + srcStart;
            if (nearest) {
                a[u] = clamp((int) Math.floor(at), srcSize) * unit;
                b[u] = a[u];
                weight[u] = 0;
            } else {
                float position = at - 0.5f;
                int left = (int) Math.floor(position);
                a[u] = clamp(left, srcSize) * unit;
                b[u] = clamp(left + 1, srcSize) * unit;
                weight[u] = Math.round(Math.clamp(position - left, 0f, 1f) * 256);
            }
            first = Math.min(first, u);
            end = u + 1;
        }
    }

    private static int clamp(int value, int limit) {
        return Math.max(0, Math.min(limit - 1, value));
    }
}
