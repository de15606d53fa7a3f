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
 * {@code decode}: the source that turns a video file or a live stream of MPEG-TS segments into frames. Audio is not
 * decoded unless {@code audio-pcm} asks for it: its packets ride on the frames ({@link AudioChunk}) to the
 * {@code encode} sink.
 */
@Component(name = "org.framegrid.media.decode", service = StageProvider.class)
@StageType(type = MediaStages.DECODE, classification = "Source/Video/Decoder")
public final class DecodeProvider extends FactoryStageProvider {
    /** The property that asks for the audio decoded to PCM too. */
    static final String AUDIO_PCM = "audio-pcm";
    private static final StageDescriptor DESCRIPTOR = new StageDescriptor(MediaStages.DECODE, "Source/Video/Decoder",
            "Decodes a video file (MP4, fragmented MP4, MKV/WebM, MPEG-TS; H.264, H.265, VP8, VP9, MJPEG) or live "
                    + "MPEG-TS segments from a channel, starting on each segment before it has fully arrived.",
            Set.of(), OutputRule.PROPERTY, Formats.PICTURES, "format", List.of(
            new PropertyDescriptor(MediaStages.DECODE_INPUT, PropertyType.STRING, null, true, false, List.of(), null, null,
                    "A file path, or channel:NAME for the live segments published into that segment channel.", "0.1"),
            new PropertyDescriptor("format", "RGB24", false, Formats.NAMES, "Pixel format of the frames."),
            new PropertyDescriptor("realtime", PropertyType.BOOLEAN, false, false,
                    "File input only: emit frames at their presentation times instead of as fast as possible."),
            new PropertyDescriptor(MediaStages.DECODE_LIVE_EDGE, PropertyType.BOOLEAN, false, false,
                    "Live input: when a newer segment has begun, skip to it (the skipped segments count as drops), "
                            + "so that a slow start or a stall leaves no backlog behind."),
            new PropertyDescriptor("wait-ms", PropertyType.INTEGER, 100L, true, 1, 10_000,
                    "Live input: how long one call waits for the next segment before returning no frame."),
            new PropertyDescriptor(AUDIO_PCM, PropertyType.BOOLEAN, false, false, false, List.of(), null, null,
                    "Also decode the audio riding on the frames to 16-bit PCM (for a sink that needs it decoded, such "
                            + "as a WebRTC viewer); the compressed audio stays on them too.", "0.2")));

    @Activate
    public DecodeProvider(@Reference SegmentChannels channels) {
        super(DESCRIPTOR, () -> new DecodingSource(channels));
    }
}
