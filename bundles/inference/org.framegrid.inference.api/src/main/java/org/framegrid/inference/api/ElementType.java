package org.framegrid.inference.api;

/** The element type of a {@link Tensor}, with its size in bytes. */
public enum ElementType {
    FLOAT32(4),
    FLOAT16(2),
    UINT8(1),
    INT8(1),
    INT32(4),
    INT64(8),
    BOOL(1);

    private final int bytes;

    ElementType(int bytes) {
        this.bytes = bytes;
    }

    /** @return the size of one element in bytes */
    public int bytes() {
        return bytes;
    }
}
