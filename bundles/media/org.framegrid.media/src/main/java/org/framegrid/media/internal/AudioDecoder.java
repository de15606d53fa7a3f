package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.framegrid.api.frame.AudioSamples;
import org.framegrid.media.MediaException;

/**
 * Decodes a compressed audio track's packets (the AAC riding on frames) to 16-bit PCM, for sinks that need it decoded
 * (a WebRTC viewer encodes it to Opus). At most two channels are kept (the first two). One thread.
 */
public final class AudioDecoder implements AutoCloseable {
    private final AudioTrack track;
    private final AVCodecContext context;
    private final AVPacket packet;
    private final AVFrame frame;
    private final int channels;

    /** A decoder of {@code track}'s codec. */
    public AudioDecoder(AudioTrack track) throws MediaException {
        this.track = track;
        AVCodec codec = avcodec_find_decoder(track.codecId());
        if (codec == null) {
            throw new MediaException("no decoder for audio codec '" + track.codec() + "' in this FFmpeg build");
        }
        context = avcodec_alloc_context3(codec);
        AVCodecParameters par = avcodec_parameters_alloc();
        track.writeTo(par);
        avcodec_parameters_to_context(context, par);
        avcodec_parameters_free(par);
        context.pkt_timebase(av_make_q(track.timeBaseNum(), track.timeBaseDen()));
        int ret = avcodec_open2(context, codec, (AVDictionary) null);
        if (ret < 0) {
            avcodec_free_context(context);
            throw new MediaException("audio decoder '" + track.codec() + "': " + AvErrors.text(ret));
        }
        channels = Math.min(2, Math.max(1, track.channels()));
        packet = av_packet_alloc();
        frame = av_frame_alloc();
    }

    /** @return whether this decoder decodes {@code other} (same codec, rate and channels) */
    public boolean decodes(AudioTrack other) {
        return other.codecId() == track.codecId() && other.sampleRate() == track.sampleRate()
                && other.channels() == track.channels();
    }

    /**
     * @return the samples of {@code packets}, starting at the first packet's time; {@code null} when they made none
     *     (a decoder's first packets may only prime it)
     */
    public AudioSamples decode(List<AudioPacket> packets) throws MediaException {
        short[] out = new short[0];
        int n = 0;
        long ptsNanos = Long.MIN_VALUE;
        int rate = context.sample_rate();
        for (AudioPacket p : packets) {
            av_new_packet(packet, p.data().length);
            packet.data().put(p.data());
            packet.pts(p.pts());
            packet.dts(p.dts());
            packet.duration(p.duration());
            int ret = avcodec_send_packet(context, packet);
            av_packet_unref(packet);
            if (ret < 0) {
                throw new MediaException("audio decoding: " + AvErrors.text(ret));
            }
            while (avcodec_receive_frame(context, frame) >= 0) {
                if (ptsNanos == Long.MIN_VALUE) {
                    ptsNanos = p.ptsNanos();
                }
                rate = frame.sample_rate() > 0 ? frame.sample_rate() : rate;
                int samples = frame.nb_samples();
                if ((n + samples) * channels > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, (n + samples) * channels));
                }
                interleave(frame, samples, out, n * channels);
                n += samples;
            }
        }
        return n == 0 ? null : new AudioSamples(rate, channels, ptsNanos,
                Arrays.copyOf(out, n * channels));
    }

    /** Writes the frame's first {@link #channels} channels as interleaved 16-bit samples into {@code out}. */
    private void interleave(AVFrame f, int samples, short[] out, int at) throws MediaException {
        int all = f.ch_layout().nb_channels();
        int format = f.format();
        if (format == AV_SAMPLE_FMT_FLTP || format == AV_SAMPLE_FMT_S16P) {
            for (int c = 0; c < channels; c++) {
                if (format == AV_SAMPLE_FMT_FLTP) {
                    float[] plane = new float[samples];
                    new FloatPointer(f.extended_data(c)).get(plane, 0, samples);
                    for (int i = 0; i < samples; i++) {
                        out[at + i * channels + c] = toShort(plane[i]);
                    }
                } else {
                    short[] plane = new short[samples];
                    new ShortPointer(f.extended_data(c)).get(plane, 0, samples);
                    for (int i = 0; i < samples; i++) {
                        out[at + i * channels + c] = plane[i];
                    }
                }
            }
        } else if (format == AV_SAMPLE_FMT_FLT) {
            float[] all32 = new float[samples * all];
            new FloatPointer(f.extended_data(0)).get(all32, 0, all32.length);
            for (int i = 0; i < samples; i++) {
                for (int c = 0; c < channels; c++) {
                    out[at + i * channels + c] = toShort(all32[i * all + c]);
                }
            }
        } else if (format == AV_SAMPLE_FMT_S16) {
            short[] all16 = new short[samples * all];
            new ShortPointer(f.extended_data(0)).get(all16, 0, all16.length);
            for (int i = 0; i < samples; i++) {
                for (int c = 0; c < channels; c++) {
                    out[at + i * channels + c] = all16[i * all + c];
                }
            }
        } else {
            throw new MediaException("audio decoding: sample format " + format + " is not handled");
        }
    }

    private static short toShort(float v) {
        return (short) Math.round(Math.clamp(v, -1f, 1f) * 32767f);
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(context);
    }
}
