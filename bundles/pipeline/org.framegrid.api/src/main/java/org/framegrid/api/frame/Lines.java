package org.framegrid.api.frame;

import java.util.List;

/**
 * Lines attached to a frame, value of {@link FrameMeta#LINES}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the lines, never {@code null} (copied)
 */
public record Lines(List<Line> items) {
    /** Copies the list. */
    public Lines {
        items = List.copyOf(items);
    }
}
