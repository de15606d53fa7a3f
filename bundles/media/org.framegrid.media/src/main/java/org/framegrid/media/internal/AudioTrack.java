package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacpp.BytePointer;

/**
 * The description of an audio stream that is passed through without decoding, held as plain Java values: it travels
 * with frames between stages and threads and outlives the demuxer it came from, so it must not point into native
 * memory. {@link #writeTo} rebuilds the codec parameters for a muxer.
 *
 * <p>Immutable and thread-safe.
 */
public record AudioTrack(int codecId, int sampleFormat, long bitRate, int sampleRate, int channels, int frameSize,
                         int initialPadding, int blockAlign, int profile, int bitsPerCodedSample, byte[] extradata,
                         int timeBaseNum, int timeBaseDen) {

    static AudioTrack of(AVCodecParameters p, int timeBaseNum, int timeBaseDen) {
        byte[] extra = new byte[Math.max(0, p.extradata_size())];
        if (extra.length > 0) {
            p.extradata().position(0).get(extra);
        }
        return new AudioTrack(p.codec_id(), p.format(), p.bit_rate(), p.sample_rate(), p.ch_layout().nb_channels(),
                p.frame_size(), p.initial_padding(), p.block_align(), p.profile(), p.bits_per_coded_sample(), extra,
                timeBaseNum, timeBaseDen);
    }

    /** Fills freshly allocated (zeroed) parameters of an output stream. */
    void writeTo(AVCodecParameters p) {
        p.codec_type(AVMEDIA_TYPE_AUDIO);
        p.codec_id(codecId);
        p.codec_tag(0); // the source container's tag may not exist in the output container
        p.format(sampleFormat);
        p.bit_rate(bitRate);
        p.sample_rate(sampleRate);
        av_channel_layout_default(p.ch_layout(), channels);
        p.frame_size(frameSize);
        p.initial_padding(initialPadding);
        p.block_align(blockAlign);
        p.profile(profile);
        p.bits_per_coded_sample(bitsPerCodedSample);
        if (extradata.length > 0) {
            // Owned by the parameters from here on: FFmpeg frees it with the stream.
            BytePointer extra = new BytePointer(av_mallocz(extradata.length + AV_INPUT_BUFFER_PADDING_SIZE));
            extra.put(extradata);
            p.extradata(extra);
            p.extradata_size(extradata.length);
        }
    }

    /** @return the codec name, e.g. "aac" */
    public String codec() {
        return avcodec_get_name(codecId).getString();
    }
}
