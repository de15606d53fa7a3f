package org.framegrid.inference.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a model declares for one input or output: its name, element type and shape, where a dimension of {@code -1}
 * is dynamic (symbolic). Immutable.
 *
 * @param name  the tensor name in the model graph
 * @param type  the element type
 * @param shape the declared shape; read it through {@link #shape()}, which copies
 */
public record TensorInfo(String name, ElementType type, long[] shape) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return whether every dimension is known */
    public boolean isFixed() {
        return Arrays.stream(shape).allMatch(dim -> dim >= 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo info && name.equals(info.name) && type == info.type
                && Arrays.equals(shape, info.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(shape);
    }
}
