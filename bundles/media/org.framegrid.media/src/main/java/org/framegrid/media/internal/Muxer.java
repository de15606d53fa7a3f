package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.framegrid.media.MediaException;

/**
 * The container side of {@link MediaWriter}: one muxer for a file, or a fresh MPEG-TS muxer per segment so that every
 * segment starts with its own PAT/PMT and decodes without its predecessors (what the trickle transport needs).
 */
final class Muxer {
    private final String name;
    private final Path file;
    private final String container;
    private final SegmentSink sink;
    private final long segmentTicks;
    private AVFormatContext context;
    private AVStream video;
    private AVStream audio;
    private Avio io;
    private OutputStream out;
    private long segmentStart;
    private long opened;

    private Muxer(String name, Path file, String container, SegmentSink sink, long segmentTicks) {
        this.name = name;
        this.file = file;
        this.container = container;
        this.sink = sink;
        this.segmentTicks = segmentTicks;
    }

    static Muxer file(Path file, String container) {
        return new Muxer(file.getFileName().toString(), file, container, null, 0);
    }

    static Muxer segments(String name, SegmentSink sink, long segmentTicks) {
        return new Muxer(name, null, "mpegts", sink, segmentTicks);
    }

    boolean isOpen() {
        return context != null;
    }

    long opened() {
        return opened;
    }

    boolean needsGlobalHeader() {
        return MediaWriter.globalHeader(container, file == null ? null : file.toString());
    }

    /** Segment mode: a key frame at or after the segment duration (half a frame early counts) starts the next one. */
    boolean wantsCut(long pts, boolean key) {
        return sink != null && key && pts - segmentStart >= segmentTicks - 1_500;
    }

    /** Opens the file, or finishes the current segment and opens the next; {@code pts} is the first video packet's. */
    void open(AVCodecContext encoder, AVRational encoderTimeBase, AudioTrack track, long pts) throws MediaException {
        if (context != null) {
            close();
        }
        context = new AVFormatContext(null);
        String target = file == null ? null : file.toString();
        int ret = avformat_alloc_output_context2(context, null, container, target);
        if (ret < 0) {
            context = null;
            throw new MediaException(name + ": cannot write this container (" + AvErrors.text(ret) + ")");
        }
        try {
            if (file != null) {
                AVIOContext pb = new AVIOContext(null);
                ret = avio_open(pb, target, AVIO_FLAG_WRITE);
                if (ret < 0) {
                    throw new MediaException(name + ": cannot create file (" + AvErrors.text(ret) + ")");
                }
                context.pb(pb);
            } else {
                out = sink.begin(opened);
                io = Avio.writing(out);
                context.pb(io.context());
            }
            video = avformat_new_stream(context, null);
            avcodec_parameters_from_context(video.codecpar(), encoder);
            video.time_base(encoderTimeBase);
            if (track != null) {
                audio = avformat_new_stream(context, null);
                track.writeTo(audio.codecpar());
                audio.time_base(AvRationals.of(track.timeBaseNum(), track.timeBaseDen()));
            }
            AVDictionary options = new AVDictionary(null);
            if (sink != null) {
                // Every video PES carries its length, so a demuxer hands a frame on as soon as its last byte is in
                // instead of waiting for the next frame's first packet (one frame interval per hop otherwise).
                av_dict_set(options, "omit_video_pes_length", "0", 0);
            }
            ret = avformat_write_header(context, options);
            av_dict_free(options);
            if (ret < 0) {
                throw new MediaException(name + ": cannot start the container (" + AvErrors.text(ret) + ")");
            }
        } catch (IOException e) {
            abandon();
            throw e instanceof MediaException m ? m : new MediaException(name + ": cannot start segment " + opened + " (" + e.getMessage() + ")", e);
        }
        segmentStart = pts;
        opened++;
    }

    void writeVideo(AVPacket packet, AVRational from) throws MediaException {
        packet.stream_index(video.index());
        av_packet_rescale_ts(packet, from, video.time_base());
        write(packet);
    }

    void writeAudio(AVPacket packet, AVRational from) throws MediaException {
        packet.stream_index(audio.index());
        av_packet_rescale_ts(packet, from, audio.time_base());
        write(packet);
    }

    private void write(AVPacket packet) throws MediaException {
        // Segments go out as produced (live: no interleaving queue that holds video back waiting for audio);
        // files interleave properly.
        int ret = sink != null ? av_write_frame(context, packet) : av_interleaved_write_frame(context, packet);
        if (ret >= 0 && sink != null) {
            // The I/O buffer (32 KB) would otherwise hold a few frames back until it fills: out with each packet.
            avio_flush(context.pb());
        }
        if (ret < 0) {
            String why = io != null && io.failure() != null ? io.failure().getMessage() : AvErrors.text(ret);
            throw new MediaException(name + ": write failed (" + why + ")");
        }
    }

    /** Writes the trailer and completes the file or segment. */
    void close() throws MediaException {
        if (context == null) {
            return;
        }
        try {
            av_write_trailer(context);
            avio_flush(context.pb());
            if (file != null) {
                avio_closep(context.pb());
            } else {
                io.close();
                out.close();
            }
        } catch (IOException e) {
            throw new MediaException(name + ": cannot complete segment (" + e.getMessage() + ")", e);
        } finally {
            avformat_free_context(context);
            context = null;
            io = null;
            out = null;
        }
    }

    private void abandon() {
        if (file != null && context.pb() != null) {
            avio_closep(context.pb());
        }
        if (io != null) {
            io.close();
            io = null;
        }
        avformat_free_context(context);
        context = null;
    }
}
