package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts between FFmpeg pictures and tightly packed Java buffers with swscale, writing straight into (or reading
 * straight from) the caller's direct buffer: no intermediate copy. Keeps its scaler context while sizes and formats
 * stay the same. Not thread-safe.
 */
final class PictureConverter implements AutoCloseable {
    private SwsContext sws;
    private final PointerPointer<BytePointer> planes = new PointerPointer<>(4);
    private final IntPointer strides = new IntPointer(4);

    /** Decoded picture to Java buffer, same size. */
    void fromFrame(AVFrame frame, PixelLayout layout, ByteBuffer target) {
        int w = frame.width();
        int h = frame.height();
        require(target, layout.byteSize(w, h));
        sws = sws_getCachedContext(sws, w, h, frame.format(), w, h, layout.avFormat, SWS_BILINEAR, null, null, (DoublePointer) null);
        try (BytePointer base = new BytePointer(target)) {
            av_image_fill_arrays(planes, strides, base.position(0), layout.avFormat, w, h, 1);
            sws_scale(sws, frame.data(), frame.linesize(), 0, h, planes, strides);
        }
    }

    /** Java buffer to an allocated encoder picture, scaling when the sizes differ. */
    void toFrame(ByteBuffer source, PixelLayout layout, int width, int height, AVFrame frame) {
        require(source, layout.byteSize(width, height));
        sws = sws_getCachedContext(sws, width, height, layout.avFormat, frame.width(), frame.height(), frame.format(),
                SWS_BILINEAR, null, null, (DoublePointer) null);
        try (BytePointer base = new BytePointer(source)) {
            av_image_fill_arrays(planes, strides, base.position(0), layout.avFormat, width, height, 1);
            sws_scale(sws, planes, strides, 0, height, frame.data(), frame.linesize());
        }
    }

    private static void require(ByteBuffer buffer, int bytes) {
        if (!buffer.isDirect() || buffer.capacity() < bytes) {
            throw new IllegalArgumentException("need a direct buffer of " + bytes + " bytes, got "
                    + (buffer.isDirect() ? buffer.capacity() + " bytes" : "a heap buffer"));
        }
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        planes.close();
        strides.close();
    }
}
