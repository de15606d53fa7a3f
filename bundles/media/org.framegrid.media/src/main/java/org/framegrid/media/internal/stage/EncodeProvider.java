package org.framegrid.media.internal.stage;

import java.util.List;
import java.util.Set;
import org.framegrid.api.stage.FactoryStageProvider;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.trickle.channel.SegmentChannels;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code encode}: the sink that encodes frames to low-latency H.264 into a file or into MPEG-TS segments published on
 * a segment channel, writing the audio that rides on the frames ({@link AudioChunk}) untouched beside them, or encoding
 * to AAC the decoded audio that rides on them instead (a WebRTC publisher's).
 */
@Component(name = "org.framegrid.media.encode", service = StageProvider.class)
@StageType(type = MediaStages.ENCODE, classification = "Sink/Video/Encoder")
public final class EncodeProvider extends FactoryStageProvider {
    private static final StageDescriptor DESCRIPTOR = new StageDescriptor(MediaStages.ENCODE, "Sink/Video/Encoder",
            "Encodes to low-latency H.264 or VP8 (no B-frames, forced key frames) into an MP4/MKV/WebM/MPEG-TS file or into "
                    + "MPEG-TS segments on a channel; audio from the decode source is passed through untouched, decoded "
                    + "audio (a WebRTC publisher's) is encoded to AAC.",
            Formats.PICTURES, OutputRule.NONE, Set.of(), null, List.of(
            new PropertyDescriptor(MediaStages.ENCODE_OUTPUT, PropertyType.STRING, null, true, false, List.of(), null, null,
                    "A file path (container from the extension: .mp4, .mkv, .webm, .ts), or channel:NAME for live segments.",
                    "0.1"),
            new PropertyDescriptor("segment-seconds", PropertyType.DOUBLE, 1.0, false, 0.1, 60,
                    "Channel output: segment duration; each segment starts on a key frame."),
            new PropertyDescriptor("keyframe-seconds", PropertyType.DOUBLE, 1.0, false, 0.1, 60,
                    "Seconds between forced key frames, on the frames' clock."),
            new PropertyDescriptor("bitrate", PropertyType.INTEGER, 2_000_000L, false, 50_000, 100_000_000,
                    "Target bits per second."),
            new PropertyDescriptor("fps", PropertyType.INTEGER, 30L, false, 1, 240,
                    "Nominal frame rate for the rate control; timestamps come from the frames."),
            new PropertyDescriptor("encoder", "libopenh264", false,
                    List.of("libopenh264", "h264_nvenc", "libx264", "libvpx"),
                    "FFmpeg video encoder: libopenh264 (H.264, LGPL build, CPU), h264_nvenc (H.264, NVIDIA GPU), libx264 "
                            + "(H.264, GPL build only), libvpx (VP8, real-time mode; files only: .webm or .mkv).")));

    @Activate
    public EncodeProvider(@Reference SegmentChannels channels) {
        super(DESCRIPTOR, () -> new EncodingSink(channels));
    }
}
