package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_STREAM;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framegrid.media.MediaException;

/**
 * Demuxes and decodes one input: a file, or a stream of bytes that is still arriving (a live segment). Video is
 * decoded into pictures; audio packets are handed out undecoded for pass-through.
 *
 * <p>Pull model, one thread: call {@link #next()} until it returns {@link Item#END}. Not thread-safe.
 */
public final class MediaReader implements AutoCloseable {
    /** What {@link #next()} produced. */
    public enum Item { PICTURE, AUDIO, END }

    /** Demuxers that accept any text as "video" (tty renders ANSI art): never what a user means. */
    private static final java.util.Set<String> NOT_VIDEO = java.util.Set.of("tty");

    private final String name;
    private final Avio io;
    private long pictures;
    private AVFormatContext format;
    private AVCodecContext decoder;
    private AVFrame picture = av_frame_alloc();
    private AVPacket packet = av_packet_alloc();
    private AVStream video;
    private AVStream audio;
    private AudioTrack audioTrack;
    private AudioPacket audioPacket;
    private final PictureConverter converter = new PictureConverter();
    private boolean draining;
    private boolean flushed;
    private int decodeErrors;
    /** How far the packets read so far reach (pts + duration), in nanoseconds on the source clock. */
    private long readUntilNanos = Long.MIN_VALUE;
    /** What ended the reading: {@code AVERROR_EOF} for a clean end of input, 0 before it ended. */
    private int endCode;

    private MediaReader(String name, Avio io) {
        this.name = name;
        this.io = io;
    }

    /**
     * Opens a live byte stream; returns once the stream headers (for MPEG-TS: PAT/PMT and the first key frame) are in,
     * long before the segment is complete.
     *
     * @param in the bytes, blocking until more arrive
     * @param name what to call the input in messages
     * @param formatHint container short name ("mpegts"), or null to probe
     * @param lowDelay slice threading and short probing: live input, one frame in one frame out
     */
    public static MediaReader open(InputStream in, String name, String formatHint, boolean lowDelay) throws MediaException {
        MediaReader reader = new MediaReader(name, Avio.reading(in));
        reader.start(null, formatHint, lowDelay);
        return reader;
    }

    /** Opens a file (any container FFmpeg knows: MP4, fragmented MP4, MKV/WebM, MPEG-TS, ...). */
    public static MediaReader open(Path file, boolean lowDelay) throws MediaException {
        MediaReader reader = new MediaReader(file.getFileName().toString(), null);
        reader.start(file.toString(), null, lowDelay);
        return reader;
    }

    private void start(String url, String formatHint, boolean lowDelay) throws MediaException {
        try {
            format = avformat_alloc_context();
            if (io != null) {
                format.pb(io.context());
            }
            AVInputFormat forced = formatHint == null ? null : av_find_input_format(formatHint);
            AVDictionary options = new AVDictionary(null);
            if (lowDelay) {
                // Enough to see PAT/PMT, SPS/PPS and an audio header; the default (5 s, 5 MB) would wait for most of a segment.
                av_dict_set(options, "probesize", "65536", 0);
                av_dict_set(options, "analyzeduration", "100000", 0);
                av_dict_set(options, "fpsprobesize", "0", 0);
            }
            int ret = avformat_open_input(format, url == null ? name : url, forced, options);
            av_dict_free(options);
            if (ret < 0) {
                format = null; // freed by avformat_open_input on failure
                throw fail("not a video file (" + AvErrors.text(ret) + ")");
            }
            if (format.iformat() != null && NOT_VIDEO.contains(format.iformat().name().getString())) {
                throw fail("not a video file (text)");
            }
            if (lowDelay && io != null && videoOnly()) {
                // A live segment of video alone: the codec is known from its tables, and each packet the demuxer
                // hands out is one whole frame (our muxer writes a frame per PES, with its length). Probing the
                // stream would wait for min(probesize, analyzeduration) of it to arrive, and the parser would hold
                // each frame until the next one starts; both would be latency on every hop.
                format.flags(format.flags() | AVFormatContext.AVFMT_FLAG_NOPARSE);
            } else {
                ret = avformat_find_stream_info(format, (org.bytedeco.javacpp.PointerPointer<?>) null);
                if (ret < 0) {
                    throw fail("not a video file (" + AvErrors.text(ret) + ")");
                }
            }
            for (int i = 0; i < format.nb_streams(); i++) {
                AVStream st = format.streams(i);
                int type = st.codecpar().codec_type();
                if (type == AVMEDIA_TYPE_VIDEO && video == null && st.codecpar().codec_id() != 0) {
                    video = st;
                } else if (type == AVMEDIA_TYPE_AUDIO && audio == null && st.codecpar().codec_id() != 0) {
                    audio = st;
                }
            }
            if (video == null) {
                throw fail(format.nb_streams() == 0 || audio == null
                        ? "not a video file (no video stream)" : "not a video file (audio only)");
            }
            openDecoder(video.codecpar(), lowDelay);
            if (audio != null) {
                audioTrack = AudioTrack.of(audio.codecpar(), audio.time_base().num(), audio.time_base().den());
            }
        } catch (MediaException e) {
            close();
            throw e;
        }
    }

    /** @return whether the streams found so far are video with a known codec and nothing else (no audio to probe) */
    private boolean videoOnly() {
        boolean video = false;
        for (int i = 0; i < format.nb_streams(); i++) {
            AVCodecParameters par = format.streams(i).codecpar();
            if (par.codec_type() != AVMEDIA_TYPE_VIDEO || par.codec_id() == 0) {
                return false;
            }
            video = true;
        }
        return video;
    }

    private void openDecoder(AVCodecParameters par, boolean lowDelay) throws MediaException {
        AVCodec codec = avcodec_find_decoder(par.codec_id());
        String codecName = avcodec_get_name(par.codec_id()).getString();
        if (codec == null) {
            throw fail("unsupported video codec '" + codecName + "' (no decoder in this FFmpeg build)");
        }
        decoder = avcodec_alloc_context3(codec);
        avcodec_parameters_to_context(decoder, par);
        decoder.pkt_timebase(video.time_base());
        if (lowDelay) {
            // Frame threading delays output by one frame per thread; slices do not.
            decoder.thread_type(AVCodecContext.FF_THREAD_SLICE);
            decoder.flags(decoder.flags() | AV_CODEC_FLAG_LOW_DELAY);
        }
        decoder.thread_count(0);
        int ret = avcodec_open2(decoder, codec, (AVDictionary) null);
        if (ret < 0) {
            throw fail("unsupported video codec '" + codecName + "' (" + AvErrors.text(ret) + ")");
        }
    }

    private MediaException fail(String reason) {
        return new MediaException(name + ": " + reason);
    }

    /**
     * Reads until the next decoded picture or audio packet.
     *
     * @throws MediaException when the byte stream failed (a truncated live segment)
     */
    public Item next() throws MediaException {
        while (true) {
            if (draining) {
                int ret = avcodec_receive_frame(decoder, picture);
                if (ret >= 0) {
                    pictures++;
                    return Item.PICTURE;
                }
                draining = false;
                if (ret == AVERROR_EOF()) {
                    return Item.END;
                }
                if (ret != AVERROR_EAGAIN()) {
                    decodeErrors++;
                }
            }
            if (flushed) {
                return Item.END;
            }
            int ret = av_read_frame(format, packet);
            if (ret < 0) {
                endCode = ret;
                if (io != null && io.failure() != null) {
                    throw new MediaException(name + ": truncated (" + io.failure().getMessage() + ")", io.failure());
                }
                // End of input: drain what the decoder still holds.
                avcodec_send_packet(decoder, null);
                flushed = true;
                draining = true;
                continue;
            }
            int index = packet.stream_index();
            if (packet.pts() != AV_NOPTS_VALUE) {
                readUntilNanos = Math.max(readUntilNanos, av_rescale_q(packet.pts() + Math.max(0, packet.duration()),
                        format.streams(index).time_base(), AvRationals.NANOS));
            }
            if (index == video.index()) {
                if (avcodec_send_packet(decoder, packet) < 0) {
                    decodeErrors++;
                }
                av_packet_unref(packet);
                draining = true;
            } else if (audio != null && index == audio.index()) {
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                long pts = packet.pts();
                audioPacket = new AudioPacket(data, pts, packet.dts(), packet.duration(), packet.flags(),
                        pts == AV_NOPTS_VALUE ? 0 : av_rescale_q(pts, audio.time_base(), AvRationals.NANOS));
                av_packet_unref(packet);
                return Item.AUDIO;
            } else {
                av_packet_unref(packet);
            }
        }
    }

    public int width() {
        return picture.width();
    }

    public int height() {
        return picture.height();
    }

    /** @return the current picture's presentation time in nanoseconds on the source clock */
    public long ptsNanos() {
        long pts = picture.best_effort_timestamp();
        return pts == AV_NOPTS_VALUE ? 0 : av_rescale_q(pts, video.time_base(), AvRationals.NANOS);
    }

    /**
     * @return whether later input already here comes to more than {@code frames} frames of the average size so far
     *     (a live reader behind its writer: the current picture is stale); false for a file
     */
    public boolean behindBy(double frames) throws IOException {
        return io != null && pictures > 0 && io.pendingBytes() > frames * io.consumedBytes() / pictures;
    }

    /** @return whether the current picture is a key frame */
    public boolean keyFrame() {
        return (picture.flags() & AVFrame.AV_FRAME_FLAG_KEY) != 0;
    }

    /** Converts the current picture into {@code target} (a direct buffer of at least {@code layout.byteSize}). */
    public void copyPicture(PixelLayout layout, ByteBuffer target) {
        converter.fromFrame(picture, layout, target);
    }

    /** @return the audio packet {@link #next()} just returned */
    public AudioPacket audioPacket() {
        return audioPacket;
    }

    /** @return the audio stream, or null when the input has none */
    public AudioTrack audioTrack() {
        return audioTrack;
    }

    /** @return the video codec's name, e.g. "h264" */
    public String videoCodec() {
        return avcodec_get_name(video.codecpar().codec_id()).getString();
    }

    /** @return average frame rate from the container, or 0 when unknown */
    public double frameRate() {
        var r = video.avg_frame_rate();
        return r.den() == 0 ? 0 : (double) r.num() / r.den();
    }

    /**
     * @return the number of video frames the container announces (its frame count, else duration x frame rate), or -1
     *     when it does not say (a live byte stream)
     */
    public long expectedFrames() {
        if (video.nb_frames() > 0) {
            return video.nb_frames();
        }
        double rate = frameRate();
        long micros = format.duration(); // AV_TIME_BASE (microsecond) units, AV_NOPTS_VALUE when unknown
        return rate > 0 && micros > 0 ? Math.round(micros / 1e6 * rate) : -1;
    }

    /**
     * @return the video's frame count as the container states it (MP4/MOV do), or -1 when it does not: unlike
     *     {@link #expectedFrames()} never an estimate from a duration, which may be the audio's
     */
    public long declaredFrames() {
        return video.nb_frames() > 0 ? video.nb_frames() : -1;
    }

    /**
     * @return the duration the container states (MKV/WebM and MP4 headers), in nanoseconds, or -1 when FFmpeg only
     *     estimated it (from the timestamps at the end of the file, as for MPEG-TS, or from the bit rate)
     */
    public long declaredNanos() {
        return format.duration_estimation_method() == AVFMT_DURATION_FROM_STREAM && format.duration() > 0
                ? format.duration() * 1000 : -1;
    }

    /** @return how far into the input the packets read so far reach, from its start, in nanoseconds */
    public long readNanos() {
        long start = format.start_time() == AV_NOPTS_VALUE ? 0 : format.start_time() * 1000;
        return readUntilNanos == Long.MIN_VALUE ? 0 : readUntilNanos - start;
    }

    /** @return why the demuxer stopped when it was not a clean end of input (a read error), else null */
    public String readError() {
        return endCode < 0 && endCode != AVERROR_EOF() ? AvErrors.text(endCode) : null;
    }

    /** @return the demuxer's short name, e.g. "mpegts" or "matroska,webm" */
    public String container() {
        return format.iformat().name().getString();
    }

    /** @return packets the decoder rejected (damaged data it concealed or skipped) */
    public int decodeErrors() {
        return decodeErrors;
    }

    @Override
    public void close() {
        if (decoder != null) {
            avcodec_free_context(decoder);
            decoder = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
        if (io != null) {
            io.close();
        }
        if (picture != null) {
            av_frame_free(picture);
            picture = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        converter.close();
    }
}
