package org.framegrid.ingest.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Remuxes an opened input's video (and audio) into MPEG-TS segments without transcoding: a segment starts on a video
 * key frame once the previous one lasts {@code minSeconds}, so every segment can be decoded on its own (as the
 * orchestrators read them). Packets before the first key frame are dropped. One muxer per segment, written to a
 * scratch file and handed over complete. Not thread-safe: one reading thread.
 */
final class TsSegmenter {

    /** Receives each complete segment. */
    @FunctionalInterface
    interface Sink {
        void segment(long sequence, byte[] ts) throws IOException, InterruptedException;
    }

    private final AVFormatContext in;
    private final double minSeconds;
    private final Path scratch;
    private final int[] map;
    private int video = -1;
    private AVFormatContext out;
    private long sequence;
    private double segmentStart;

    /** @param in an input whose stream info is read */
    TsSegmenter(AVFormatContext in, double minSeconds, Path scratch) throws IOException {
        this.in = in;
        this.minSeconds = minSeconds;
        this.scratch = scratch;
        this.map = new int[in.nb_streams()];
        int next = 0;
        for (int i = 0; i < in.nb_streams(); i++) {
            int type = in.streams(i).codecpar().codec_type();
            map[i] = type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO ? next++ : -1;
            if (type == AVMEDIA_TYPE_VIDEO && video < 0) {
                video = i;
            }
        }
        if (video < 0) {
            throw new IOException("the publisher sends no video");
        }
    }

    /** Reads until the input ends, handing over each segment; the last one when it ends. */
    void run(Sink sink) throws IOException, InterruptedException {
        AVPacket pkt = av_packet_alloc();
        try {
            while (av_read_frame(in, pkt) >= 0) {
                try {
                    write(pkt, sink);
                } finally {
                    av_packet_unref(pkt);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            finish(sink);
        } finally {
            av_packet_free(pkt);
            abandon();
        }
    }

    private void write(AVPacket pkt, Sink sink) throws IOException, InterruptedException {
        int s = pkt.stream_index();
        if (s >= map.length || map[s] < 0) {
            return;
        }
        AVStream stream = in.streams(s);
        if (s == video && (pkt.flags() & AV_PKT_FLAG_KEY) != 0 && pkt.pts() != AV_NOPTS_VALUE) {
            double t = pkt.pts() * stream.time_base().num() / (double) stream.time_base().den();
            if (out == null || t - segmentStart >= minSeconds) {
                finish(sink);
                open();
                segmentStart = t;
            }
        }
        if (out == null) {
            return; // before the first key frame: nothing can decode it
        }
        pkt.stream_index(map[s]);
        av_packet_rescale_ts(pkt, stream.time_base(), out.streams(map[s]).time_base());
        check(av_interleaved_write_frame(out, pkt), "write a packet");
    }

    private void open() throws IOException {
        out = new AVFormatContext(null);
        check(avformat_alloc_output_context2(out, null, "mpegts", scratch.toString()), "open the MPEG-TS muxer");
        for (int i = 0; i < map.length; i++) {
            if (map[i] >= 0) {
                AVStream os = avformat_new_stream(out, null);
                check(avcodec_parameters_copy(os.codecpar(), in.streams(i).codecpar()), "copy a stream's codec");
                os.codecpar().codec_tag(0);
                os.time_base(in.streams(i).time_base());
            }
        }
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, scratch.toString(), AVIO_FLAG_WRITE), "open " + scratch);
        out.pb(pb);
        check(avformat_write_header(out, (AVDictionary) null), "write the MPEG-TS header");
    }

    private void finish(Sink sink) throws IOException, InterruptedException {
        if (out == null) {
            return;
        }
        check(av_write_trailer(out), "finish a segment");
        abandon();
        sink.segment(sequence++, Files.readAllBytes(scratch));
    }

    private void abandon() {
        if (out != null) {
            AVIOContext pb = out.pb();
            avio_closep(pb);
            avformat_free_context(out);
            out = null;
        }
    }

    static void check(int ret, String what) throws IOException {
        if (ret < 0) {
            throw new IOException("RTMP ingest: cannot " + what + " (FFmpeg error " + ret + ")");
        }
    }
}
