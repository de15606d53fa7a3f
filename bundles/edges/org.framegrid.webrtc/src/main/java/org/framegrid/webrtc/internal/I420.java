package org.framegrid.webrtc.internal;

import java.nio.ByteBuffer;

/** Copies I420 planes between buffers of different row strides (libwebrtc's and the engine's frames). */
final class I420 {
    private I420() {
    }

    /** Copies {@code rows} rows of {@code width} bytes. */
    static void copyPlane(ByteBuffer src, int srcOffset, int srcStride, ByteBuffer dst, int dstOffset, int dstStride,
                          int width, int rows) {
        for (int r = 0; r < rows; r++) {
            dst.put(dstOffset + r * dstStride, src, srcOffset + r * srcStride, width);
        }
    }

    static int chroma(int size) {
        return (size + 1) / 2;
    }
}
