package org.framegrid.api.frame;

import java.util.List;

/**
 * The objects found in one frame, value of {@link FrameMeta#DETECTIONS}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the detections, never {@code null} (copied)
 */
public record Detections(List<Detection> items) {
    /** Copies the list. */
    public Detections {
        items = List.copyOf(items);
    }
}
