package org.framegrid.media.internal;

import java.util.Map;

/**
 * How the video encoder runs. Low latency is not optional: no B-frames, one frame in gives one packet out, and key
 * frames are forced every {@code keyframeSeconds} on the frames' own clock, so live segments can start on them.
 *
 * @param encoder FFmpeg encoder name: "libopenh264" (in the LGPL build), "h264_nvenc" (NVIDIA), "libx264" (GPL build only),
 *     "libvpx" (VP8, for files: .webm or .mkv)
 * @param bitrate target bits per second
 * @param keyframeSeconds seconds between forced key frames
 * @param frameRate nominal frames per second, for the rate control (timestamps come from the frames)
 * @param width output width, 0 for the input's
 * @param height output height, 0 for the input's
 * @param options extra encoder options (FFmpeg AVOptions), applied last
 */
public record EncoderSettings(String encoder, long bitrate, double keyframeSeconds, int frameRate, int width, int height,
                              Map<String, String> options) {
    public EncoderSettings {
        if (bitrate <= 0 || keyframeSeconds <= 0 || frameRate <= 0) {
            throw new IllegalArgumentException("bitrate, keyframe interval and frame rate must be positive");
        }
        options = Map.copyOf(options);
    }

    /** OpenH264 at {@code bitrate}, a key frame every {@code keyframeSeconds}, output size = input size. */
    public static EncoderSettings lowLatency(long bitrate, double keyframeSeconds, int frameRate) {
        return new EncoderSettings("libopenh264", bitrate, keyframeSeconds, frameRate, 0, 0, Map.of());
    }
}
