package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.framegrid.api.frame.AudioSamples;
import org.framegrid.media.MediaException;

/**
 * Encodes decoded audio (16-bit PCM riding on frames, e.g. a WebRTC publisher's) to AAC packets for the muxer: 1024
 * samples a packet, timestamps in samples on the frames' clock. The samples of one source are counted on from the
 * first; a jump of more than {@link #RESYNC_NANOS} (audio lost upstream) starts the count again there. One thread.
 */
public final class AacEncoder implements AutoCloseable {
    private static final long RESYNC_NANOS = 100_000_000L;
    private static final long BIT_RATE = 128_000;

    private final int rate;
    private final int channels;
    private final AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet;
    private final AudioTrack track;
    private final int frameSize;
    private short[] fifo = new short[0];
    private int fifoFrames;
    /** The pts (in samples) of the first sample waiting in the fifo; Long.MIN_VALUE before the first. */
    private long fifoPts = Long.MIN_VALUE;

    /** An AAC encoder for {@code rate} Hz and {@code channels} channels. */
    public AacEncoder(int rate, int channels) throws MediaException {
        this.rate = rate;
        this.channels = channels;
        AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
        if (codec == null) {
            throw new MediaException("this FFmpeg build has no AAC encoder");
        }
        context = avcodec_alloc_context3(codec);
        context.sample_fmt(AV_SAMPLE_FMT_FLTP);
        context.sample_rate(rate);
        av_channel_layout_default(context.ch_layout(), channels);
        context.bit_rate(BIT_RATE);
        context.time_base(av_make_q(1, rate));
        int ret = avcodec_open2(context, codec, (AVDictionary) null);
        if (ret < 0) {
            avcodec_free_context(context);
            throw new MediaException("AAC encoder for " + rate + " Hz, " + channels + " channels: "
                    + AvErrors.text(ret));
        }
        frameSize = context.frame_size();
        AVCodecParameters par = avcodec_parameters_alloc();
        avcodec_parameters_from_context(par, context);
        track = AudioTrack.of(par, 1, rate);
        avcodec_parameters_free(par);
        frame = av_frame_alloc();
        frame.format(AV_SAMPLE_FMT_FLTP);
        frame.nb_samples(frameSize);
        frame.sample_rate(rate);
        av_channel_layout_copy(frame.ch_layout(), context.ch_layout());
        av_frame_get_buffer(frame, 0);
        packet = av_packet_alloc();
    }

    /** @return the encoded stream's description, for the muxer */
    public AudioTrack track() {
        return track;
    }

    /** @return whether {@code s} has this encoder's rate and channels */
    public boolean takes(AudioSamples s) {
        return s.sampleRate() == rate && s.channels() == channels;
    }

    /** @return the AAC packets complete after {@code s} (none until 1024 samples have come) */
    public List<AudioPacket> encode(AudioSamples s) throws MediaException {
        long pts = Math.floorDiv(s.ptsNanos() * rate, 1_000_000_000L);
        if (fifoPts == Long.MIN_VALUE || Math.abs(pts - (fifoPts + fifoFrames)) * 1_000_000_000L / rate
                > RESYNC_NANOS) {
            fifoPts = pts; // the first samples, or audio was lost upstream: count on from here
            fifoFrames = 0;
        }
        int add = s.frames();
        if ((fifoFrames + add) * channels > fifo.length) {
            fifo = Arrays.copyOf(fifo, Math.max(fifo.length * 2, (fifoFrames + add) * channels));
        }
        System.arraycopy(s.samples(), 0, fifo, fifoFrames * channels, add * channels);
        fifoFrames += add;
        List<AudioPacket> out = new ArrayList<>();
        int used = 0;
        while (fifoFrames - used >= frameSize) {
            av_frame_make_writable(frame);
            float[] plane = new float[frameSize];
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < frameSize; i++) {
                    plane[i] = fifo[(used + i) * channels + c] / 32768f;
                }
                new FloatPointer(frame.data(c)).put(plane, 0, frameSize);
            }
            frame.pts(fifoPts + used);
            used += frameSize;
            check(avcodec_send_frame(context, frame));
            drain(out);
        }
        System.arraycopy(fifo, used * channels, fifo, 0, (fifoFrames - used) * channels);
        fifoFrames -= used;
        fifoPts += used;
        return out;
    }

    private void drain(List<AudioPacket> out) {
        while (avcodec_receive_packet(context, packet) >= 0) {
            byte[] data = new byte[packet.size()];
            new BytePointer(packet.data()).get(data);
            out.add(new AudioPacket(data, packet.pts(), packet.dts(), packet.duration(), packet.flags(),
                    packet.pts() * 1_000_000_000L / rate));
            av_packet_unref(packet);
        }
    }

    private static void check(int ret) throws MediaException {
        if (ret < 0) {
            throw new MediaException("AAC encoding: " + AvErrors.text(ret));
        }
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(context);
    }
}
