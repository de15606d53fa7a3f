package org.framegrid.api.frame;

import java.util.List;

/**
 * Text labels attached to a frame, value of {@link FrameMeta#TEXTS}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the labels, never {@code null} (copied)
 */
public record Texts(List<Text> items) {
    /** Copies the list. */
    public Texts {
        items = List.copyOf(items);
    }
}
