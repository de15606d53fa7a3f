package org.framegrid.inference.api;

import java.util.Objects;

/**
 * How a frame becomes a model's image input. Immutable.
 *
 * @param name          the input tensor's name in the graph
 * @param layout        channel axis position
 * @param size          accepted sizes
 * @param colorOrder    channels and their order
 * @param normalization pixel value mapping
 */
public record ImageInput(String name, TensorLayout layout, SizeRule size, ColorOrder colorOrder,
        Normalization normalization) {

    public ImageInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(colorOrder, "colorOrder");
        Objects.requireNonNull(normalization, "normalization");
    }

    /** @return the input shape for a {@code width x height} image, batch 1, in this layout */
    public long[] shape(int width, int height) {
        int channels = colorOrder.channels();
        return layout == TensorLayout.NCHW ? new long[] {1, channels, height, width}
                : new long[] {1, height, width, channels};
    }
}
