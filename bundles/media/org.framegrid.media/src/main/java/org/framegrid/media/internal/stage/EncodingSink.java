package org.framegrid.media.internal.stage;

import java.nio.file.Path;
import java.util.Map;
import org.framegrid.api.frame.AudioSamples;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.media.MediaException;
import org.framegrid.media.internal.AacEncoder;
import org.framegrid.media.internal.AudioPacket;
import org.framegrid.media.internal.EncoderSettings;
import org.framegrid.media.internal.MediaWriter;
import org.framegrid.media.internal.Natives;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentChannels;

/**
 * One {@code encode} instance. The writer opens on the first frame: its size is the output size, and the audio riding
 * on it decides whether the output has audio: compressed audio is passed through, decoded audio (a WebRTC
 * publisher's) is encoded to AAC.
 */
final class EncodingSink implements Stage {
    private final SegmentChannels channels;
    private String output;
    private double segmentSeconds;
    private EncoderSettings settings;
    private SegmentChannel channel;
    private MediaWriter writer;
    /** Encodes the decoded audio riding on frames (a WebRTC publisher's) when no compressed audio rides on them. */
    private AacEncoder pcm;

    EncodingSink(SegmentChannels channels) {
        this.channels = channels;
    }

    @Override
    public void configure(StageContext context, StageProperties p) {
        output = p.getString(MediaStages.ENCODE_OUTPUT);
        segmentSeconds = p.getDouble("segment-seconds");
        settings = new EncoderSettings(p.getString("encoder"), p.getLong("bitrate"), p.getDouble("keyframe-seconds"),
                p.getInt("fps"), 0, 0, Map.of());
    }

    @Override
    public void start() throws MediaException {
        Natives.check();
        if (output.startsWith(MediaStages.CHANNEL_PREFIX)) {
            channel = channels.open(output.substring(MediaStages.CHANNEL_PREFIX.length()));
        } else {
            // Here, not at the first frame (where the writer opens): a file that cannot be written fails the start
            // with one line instead of every frame after a whole decode.
            MediaWriter.checkFile(Path.of(output), null);
        }
    }

    @Override
    public Frame process(Frame frame) throws MediaException {
        AudioChunk chunk = frame.meta(AudioChunk.KEY);
        AudioSamples samples = chunk == null ? frame.meta(FrameMeta.AUDIO) : null;
        if (writer == null) {
            if (samples != null) {
                pcm = new AacEncoder(samples.sampleRate(), samples.channels());
            }
            var track = chunk != null ? chunk.track() : pcm != null ? pcm.track() : null;
            writer = channel != null
                    ? MediaWriter.toSegments(channel.name(), seq -> channel.publish(), segmentSeconds, settings, track)
                    : MediaWriter.toFile(Path.of(output), null, settings, track);
        }
        if (chunk != null) {
            // Audio that arrived before this picture goes first, as it did in the source.
            for (AudioPacket packet : chunk.packets()) {
                writer.writeAudio(packet);
            }
        }
        if (samples != null && pcm != null && pcm.takes(samples)) {
            for (AudioPacket packet : pcm.encode(samples)) {
                writer.writeAudio(packet);
            }
        }
        Formats.requirePacked(frame);
        writer.writePicture(frame.data(), Formats.layout(frame.format()), frame.width(), frame.height(), frame.pts());
        return null;
    }

    @Override
    public void update(StageProperties properties) {
        // no live properties
    }

    @Override
    public void stop() {
        if (writer != null) {
            try {
                writer.close();
            } catch (MediaException e) {
                // stop must not throw; the file or last segment is incomplete and the reader will say so
            }
            writer = null;
        }
        if (pcm != null) {
            pcm.close();
            pcm = null;
        }
    }
}
