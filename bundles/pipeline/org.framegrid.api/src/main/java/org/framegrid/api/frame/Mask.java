package org.framegrid.api.frame;

import java.util.List;
import java.util.Objects;

/**
 * A per-pixel class mask, value of {@link FrameMeta#MASK}. Its size may differ from the frame's: readers scale it.
 *
 * <p>Immutable by contract: the producer must not change {@code classes} after attaching the mask. Thread-safe then.
 *
 * @param width mask width in cells
 * @param height mask height in cells
 * @param classes {@code width * height} class indexes, row by row; never {@code null}
 * @param labels class names by index; never {@code null} (copied), may be empty
 */
public record Mask(int width, int height, byte[] classes, List<String> labels) {
    /** Checks the size and copies the labels. */
    public Mask {
        Objects.requireNonNull(classes, "classes");
        if (classes.length != width * height) {
            throw new IllegalArgumentException("mask has " + classes.length + " cells, expected " + width * height);
        }
        labels = List.copyOf(labels);
    }
}
