package org.framegrid.api.frame;

/**
 * A line segment in normalised coordinates ({@code 0..1}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param x1 start x
 * @param y1 start y
 * @param x2 end x
 * @param y2 end y
 * @param argb colour as {@code 0xAARRGGBB}
 * @param label an optional name; may be {@code null}
 */
public record Line(float x1, float y1, float x2, float y2, int argb, String label) {
}
