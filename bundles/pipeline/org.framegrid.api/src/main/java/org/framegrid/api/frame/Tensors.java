package org.framegrid.api.frame;

import java.util.ArrayList;
import java.util.List;

/**
 * Tensors attached to a frame, value of {@link FrameMeta#TENSORS}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the tensors, never {@code null} (copied)
 */
public record Tensors(List<FrameTensor> items) {
    /** Copies the list. */
    public Tensors {
        items = List.copyOf(items);
    }

    /**
     * @param added tensors to attach, in order
     * @return these tensors without those named as one of {@code added}, followed by {@code added}: what a stage
     *     attaches replaces an upstream tensor of the same name
     * @since 2.0
     */
    public Tensors with(List<FrameTensor> added) {
        List<FrameTensor> merged = new ArrayList<>();
        for (FrameTensor item : items) {
            if (added.stream().noneMatch(t -> t.name().equals(item.name()))) {
                merged.add(item);
            }
        }
        merged.addAll(added);
        return new Tensors(merged);
    }
}
