package org.framegrid.media.internal;

import java.nio.file.Path;
import java.util.List;

/** Lets the stage tests (another package) reuse the test media helpers. */
public final class MediaTestAccess {
    private MediaTestAccess() {
    }

    public static void clip(Path file, int w, int h, int fps, int frames) throws Exception {
        Synthetic.clip(file, "mp4", "libopenh264", w, h, fps, frames, true);
    }

    /** An MP4 without audio (WebM takes no AAC). */
    public static void silentClip(Path file, int w, int h, int fps, int frames) throws Exception {
        Synthetic.clip(file, "mp4", "libopenh264", w, h, fps, frames, false);
    }

    /** An MP4 with its index first ({@code +faststart}), as a download or a streamed copy has it. */
    public static void indexFirstClip(Path file, int w, int h, int fps, int frames) throws Exception {
        Synthetic.clip(file, "mp4", "libopenh264", w, h, fps, frames, true, "movflags", "+faststart");
    }

    /** A clip with audio in {@code container} ("matroska", "webm": VP8 and Opus, "mpegts"), made by JavaCV's recorder. */
    public static void clipIn(Path file, String container, int w, int h, int fps, int frames) throws Exception {
        Synthetic.clip(file, container, container.equals("webm") ? "libvpx" : "libopenh264", w, h, fps, frames, true);
    }

    public static int pictures(Path file) throws Exception {
        return FileTranscodeTest.pictures(file);
    }

    /** @return the file's video codec, as FFmpeg names it ("vp8") */
    public static String videoCodec(Path file) throws Exception {
        try (MediaReader reader = MediaReader.open(file, false)) {
            return reader.videoCodec();
        }
    }

    public static List<byte[]> audioPackets(Path file) throws Exception {
        return FileTranscodeTest.audioPackets(file);
    }

    public static List<byte[]> segments(int seconds) throws Exception {
        return LiveSegmentTest.segments(seconds);
    }
}
