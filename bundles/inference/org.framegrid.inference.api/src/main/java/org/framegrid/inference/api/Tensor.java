package org.framegrid.inference.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A dense tensor over a <em>direct</em>, native-order {@link ByteBuffer}: element type, shape and data. Backends read
 * inputs from and write outputs into that memory without copying it, so frame data prepared off-heap goes straight
 * to the runtime.
 *
 * <p>A tensor is a view: it does not own or copy its buffer, and it is not thread-safe when its contents are written
 * while a backend reads them. The shape is copied and immutable. The buffer's position and limit are ignored; the
 * tensor covers {@code byteSize()} bytes from index 0.
 */
public final class Tensor {

    private final ElementType type;
    private final long[] shape;
    private final ByteBuffer data;

    private Tensor(ElementType type, long[] shape, ByteBuffer data) {
        this.type = type;
        this.shape = shape;
        this.data = data;
    }

    /**
     * Wraps {@code data} (direct; its byte order is set to native) as a tensor of {@code type} and {@code shape}.
     *
     * @throws IllegalArgumentException when the buffer is not direct, a dimension is negative, or the buffer's
     *                                  capacity differs from the element count times the element size
     */
    public static Tensor of(ElementType type, ByteBuffer data, long... shape) {
        if (!data.isDirect()) {
            throw new IllegalArgumentException("tensor data must be a direct buffer (backends read it without copying)");
        }
        long[] dims = shape.clone();
        long bytes = elementCount(dims) * type.bytes();
        if (data.capacity() != bytes) {
            throw new IllegalArgumentException("a " + type + " tensor of shape " + Arrays.toString(dims) + " needs "
                    + bytes + " bytes, the buffer has " + data.capacity());
        }
        return new Tensor(type, dims, data.order(ByteOrder.nativeOrder()));
    }

    /** A zero-filled tensor in a freshly allocated direct buffer. */
    public static Tensor allocate(ElementType type, long... shape) {
        long bytes = elementCount(shape) * type.bytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor too large for one buffer: " + bytes + " bytes");
        }
        return of(type, ByteBuffer.allocateDirect((int) bytes), shape);
    }

    /** @return the number of elements of {@code shape} (1 for a scalar) */
    public static long elementCount(long... shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("a tensor needs concrete dimensions: " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    public ElementType type() {
        return type;
    }

    /** @return a copy of the shape */
    public long[] shape() {
        return shape.clone();
    }

    /** @return dimension {@code index} of the shape */
    public long dim(int index) {
        return shape[index];
    }

    public int rank() {
        return shape.length;
    }

    /** @return the number of elements */
    public long elements() {
        return elementCount(shape);
    }

    /** @return the size of the data in bytes */
    public int byteSize() {
        return data.capacity();
    }

    /** @return a duplicate of the buffer (own position and limit, same memory), positioned at 0, native order */
    public ByteBuffer data() {
        return data.duplicate().clear().order(ByteOrder.nativeOrder());
    }

    /**
     * @return a float view of the same memory, positioned at 0
     * @throws IllegalStateException when the element type is not {@link ElementType#FLOAT32}
     */
    public FloatBuffer floats() {
        if (type != ElementType.FLOAT32) {
            throw new IllegalStateException("not a FLOAT32 tensor: " + type);
        }
        return data().asFloatBuffer();
    }

    @Override
    public String toString() {
        return "Tensor[" + type + " " + Arrays.toString(shape) + "]";
    }
}
