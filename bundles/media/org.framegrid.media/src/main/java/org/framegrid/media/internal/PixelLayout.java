package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.util.Locale;

/**
 * The Java-side pixel layouts this bundle converts to and from, tightly packed with the planes one after another
 * (the layout of the engine's frames, and what {@code av_image_fill_arrays(..., align=1)} produces). Names match the
 * engine's {@code PixelFormat} constants so stage adapters map by name.
 */
public enum PixelLayout {
    RGB24(AV_PIX_FMT_RGB24),
    BGR24(AV_PIX_FMT_BGR24),
    RGBA(AV_PIX_FMT_RGBA),
    GRAY8(AV_PIX_FMT_GRAY8),
    NV12(AV_PIX_FMT_NV12),
    I420(AV_PIX_FMT_YUV420P);

    final int avFormat;

    PixelLayout(int avFormat) {
        this.avFormat = avFormat;
    }

    /** @return the tightly packed size in bytes of a picture of this layout */
    public int byteSize(int width, int height) {
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        return switch (this) {
            case RGB24, BGR24 -> width * height * 3;
            case RGBA -> width * height * 4;
            case GRAY8 -> width * height;
            case NV12 -> width * height + cw * 2 * ch;
            case I420 -> width * height + 2 * cw * ch;
        };
    }

    /** @return the layout named {@code name} (case-insensitive) */
    public static PixelLayout of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown pixel format '" + name + "' (one of RGB24, BGR24, RGBA, GRAY8, NV12, I420)");
        }
    }
}
