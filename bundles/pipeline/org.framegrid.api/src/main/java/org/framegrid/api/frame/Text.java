package org.framegrid.api.frame;

import java.util.Objects;

/**
 * A text label anchored at a normalised position ({@code 0..1}, top-left corner of the text).
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the text, never {@code null}
 * @param x left edge
 * @param y top edge
 * @param argb colour as {@code 0xAARRGGBB}
 */
public record Text(String text, float x, float y, int argb) {
    /** Checks the text. */
    public Text {
        Objects.requireNonNull(text, "text");
    }
}
