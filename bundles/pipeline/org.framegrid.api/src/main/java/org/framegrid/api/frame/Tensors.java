package org.framegrid.api.frame;

import java.util.List;

/**
 * Tensors attached to a frame, value of {@link FrameMeta#TENSORS}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the tensors, never {@code null} (copied)
 */
public record Tensors(List<Tensor> items) {
    /** Copies the list. */
    public Tensors {
        items = List.copyOf(items);
    }
}
