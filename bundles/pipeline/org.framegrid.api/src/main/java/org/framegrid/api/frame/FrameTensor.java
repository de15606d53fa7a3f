package org.framegrid.api.frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A tensor attached to a frame as metadata (an item of {@link Tensors}): a named dense 32-bit float tensor, in native
 * byte order, row-major over {@code shape}. Not the inference API's input/output tensor, which a backend reads and
 * writes; this is what a stage hands downstream.
 *
 * <p>Immutable by contract: the producer must not change {@code data} after attaching it; readers use absolute reads
 * or a {@link ByteBuffer#duplicate()}. Thread-safe then.
 *
 * @param name the output name of the model, never {@code null}
 * @param shape the dimensions, never {@code null}
 * @param data {@code product(shape) * 4} bytes, usually direct; never {@code null}
 * @since 2.0 (named {@code Tensor} before)
 */
public record FrameTensor(String name, int[] shape, ByteBuffer data) {
    /** Checks the components. */
    public FrameTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
    }
}
