package org.framegrid.api.frame;

/**
 * Pixel layouts a {@link Frame} can hold. Each format is a fixed list of planes; a plane is described by the bytes of
 * one element and its subsampling against the frame size, so generic code (pools, resize) can handle every format.
 * Planes are stored one after the other in the frame's buffer, each row {@link Frame#stride(int)} bytes apart.
 *
 * <p>Immutable and thread-safe.
 */
public enum PixelFormat {
    /** Packed 8-bit R, G, B. */
    RGB24(new int[] {3}, new int[] {1}, new int[] {1}),
    /** Packed 8-bit B, G, R. */
    BGR24(new int[] {3}, new int[] {1}, new int[] {1}),
    /** Packed 8-bit R, G, B, A. */
    RGBA(new int[] {4}, new int[] {1}, new int[] {1}),
    /** One 8-bit luma plane. */
    GRAY8(new int[] {1}, new int[] {1}, new int[] {1}),
    /** 8-bit Y plane, then one interleaved U/V plane at half width and height. */
    NV12(new int[] {1, 2}, new int[] {1, 2}, new int[] {1, 2}),
    /** 8-bit Y, U, V planes, U and V at half width and height. */
    I420(new int[] {1, 1, 1}, new int[] {1, 2, 2}, new int[] {1, 2, 2}),
    /** Planar CHW tensor of three 32-bit float planes (R, G, B in [0, 1]), native byte order. */
    TENSOR_F32(new int[] {4, 4, 4}, new int[] {1, 1, 1}, new int[] {1, 1, 1});

    private final int[] elementBytes;
    private final int[] xDiv;
    private final int[] yDiv;

    PixelFormat(int[] elementBytes, int[] xDiv, int[] yDiv) {
        this.elementBytes = elementBytes;
        this.xDiv = xDiv;
        this.yDiv = yDiv;
    }

    /** @return the number of planes, at least 1 */
    public int planes() {
        return elementBytes.length;
    }

    /** @return the bytes of one element (pixel, or U/V pair for NV12's second plane) of {@code plane} */
    public int elementBytes(int plane) {
        return elementBytes[plane];
    }

    /** @return the width in elements of {@code plane} for a frame {@code width} pixels wide (rounded up) */
    public int planeWidth(int plane, int width) {
        return (width + xDiv[plane] - 1) / xDiv[plane];
    }

    /** @return the number of rows of {@code plane} for a frame {@code height} pixels high (rounded up) */
    public int planeHeight(int plane, int height) {
        return (height + yDiv[plane] - 1) / yDiv[plane];
    }

    /** @return the smallest row stride in bytes of {@code plane}: rows tightly packed */
    public int minStride(int plane, int width) {
        return planeWidth(plane, width) * elementBytes[plane];
    }

    /** @return the bytes a tightly packed frame of this format and size needs */
    public int byteSize(int width, int height) {
        int size = 0;
        for (int p = 0; p < planes(); p++) {
            size += minStride(p, width) * planeHeight(p, height);
        }
        return size;
    }
}
