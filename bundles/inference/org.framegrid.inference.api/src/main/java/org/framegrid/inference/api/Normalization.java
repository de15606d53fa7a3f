package org.framegrid.inference.api;

import java.util.Arrays;

/**
 * How 8-bit pixel values become input values: {@code value = (pixel * scale - mean[c]) / std[c]} for colour channel
 * {@code c}. For example BlazeFace's {@code v/127.5 - 1} is scale {@code 1/127.5}, mean 1, std 1; ImageNet is scale
 * {@code 1/255}, mean {@code 0.485,0.456,0.406}, std {@code 0.229,0.224,0.225}. Immutable.
 *
 * @param scale multiplier applied to the raw 0..255 value first
 * @param mean  per-channel value subtracted after scaling (one value applies to every channel)
 * @param std   per-channel divisor, all non-zero (one value applies to every channel)
 */
public record Normalization(float scale, float[] mean, float[] std) {

    /** Raw pixel values, unchanged. */
    public static final Normalization IDENTITY = new Normalization(1f, new float[] {0f}, new float[] {1f});

    public Normalization {
        mean = mean.clone();
        std = std.clone();
        if (mean.length == 0 || std.length == 0) {
            throw new IllegalArgumentException("mean and std need at least one value");
        }
        for (float s : std) {
            if (s == 0f || !Float.isFinite(s)) {
                throw new IllegalArgumentException("std values must be finite and non-zero: " + Arrays.toString(std));
            }
        }
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** @return the normalised value of {@code pixel} (0..255) in channel {@code channel} */
    public float apply(int channel, int pixel) {
        return (pixel * scale - mean[channel % mean.length]) / std[channel % std.length];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization n && Float.compare(scale, n.scale) == 0 && Arrays.equals(mean, n.mean)
                && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Float.hashCode(scale) + Arrays.hashCode(mean)) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[scale=" + scale + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
