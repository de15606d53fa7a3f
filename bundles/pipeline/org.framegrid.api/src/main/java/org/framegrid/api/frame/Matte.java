package org.framegrid.api.frame;

import java.util.Objects;

/**
 * A soft foreground matte, value of {@link FrameMeta#MATTE}: per cell the foreground's opacity, 0 (background) to 1
 * (foreground), as a matting or segmentation model gives it, before any threshold. Its size may differ from the
 * frame's: readers scale it (bilinearly, so edges such as hair stay soft).
 *
 * <p>Immutable by contract: the producer must not change {@code alpha} after attaching the matte. Thread-safe then.
 *
 * @param width  matte width in cells
 * @param height matte height in cells
 * @param alpha  {@code width * height} opacities in 0..1, row by row; never {@code null}
 * @since 2.2
 */
public record Matte(int width, int height, float[] alpha) {
    /** Checks the size. */
    public Matte {
        Objects.requireNonNull(alpha, "alpha");
        if (width < 1 || height < 1 || alpha.length != width * height) {
            throw new IllegalArgumentException("matte " + width + "x" + height + " has " + alpha.length
                    + " cells, expected " + (long) width * height);
        }
    }
}
