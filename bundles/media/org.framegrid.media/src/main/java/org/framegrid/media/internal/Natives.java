package org.framegrid.media.internal;

import org.bytedeco.ffmpeg.global.avutil;
import org.framegrid.media.MediaException;

/**
 * Turns a failure to load the FFmpeg natives into one actionable line. The usual cause is a JVM started without
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}: JavaCPP then fails inside a static initializer and every later
 * use reports only {@code NoClassDefFoundError}.
 */
public final class Natives {
    private Natives() {
    }

    /** @throws MediaException when the natives cannot be used in this JVM */
    public static void check() throws MediaException {
        try {
            avutil.avutil_version();
            // FFmpeg and its codecs write warnings straight to stderr, outside the node's log; keep only errors.
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        } catch (LinkageError | RuntimeException e) {
            throw new MediaException("FFmpeg natives cannot be loaded (" + e
                    + "); start the JVM with --add-opens java.base/java.lang=ALL-UNNAMED", e);
        }
    }
}
