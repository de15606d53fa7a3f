package org.framegrid.media.internal.stage;

import java.util.List;
import java.util.Set;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.media.internal.PixelLayout;

/** The engine formats the media stages read and write (all but tensors), and their FFmpeg-side layouts. */
final class Formats {
    static final Set<PixelFormat> PICTURES = Set.of(PixelFormat.RGB24, PixelFormat.BGR24, PixelFormat.RGBA,
            PixelFormat.GRAY8, PixelFormat.NV12, PixelFormat.I420);
    static final List<String> NAMES = PICTURES.stream().map(Enum::name).sorted().toList();

    private Formats() {
    }

    static PixelLayout layout(PixelFormat format) {
        if (!PICTURES.contains(format)) {
            throw new IllegalArgumentException("media stages do not handle " + format);
        }
        return PixelLayout.valueOf(format.name());
    }

    /** The converters read planes one after another without padding: the layout of pool frames. */
    static void requirePacked(Frame f) {
        int offset = 0;
        for (int p = 0; p < f.format().planes(); p++) {
            if (f.offset(p) != offset || f.stride(p) != f.format().minStride(p, f.width())) {
                throw new IllegalArgumentException("frame planes are not tightly packed");
            }
            offset += f.stride(p) * f.format().planeHeight(p, f.height());
        }
    }
}
