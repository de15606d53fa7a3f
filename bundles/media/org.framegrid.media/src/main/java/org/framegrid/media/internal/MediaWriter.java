package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.ByteBuffer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.framegrid.media.MediaException;

/**
 * Encodes pictures to low-latency H.264 and muxes them, with pass-through audio, into one file (MP4, MKV, MPEG-TS)
 * or into MPEG-TS segments of a given duration that each start on a key frame and can be decoded on their own.
 *
 * <p>The encoder opens on the first picture (its size is the output size unless the settings fix one). Audio that
 * arrives before it waits in a short queue, so no audio is lost and both tracks keep their source timestamps: sync
 * is kept by time, not by arrival order. One thread; not thread-safe.
 */
public final class MediaWriter implements AutoCloseable {
    private static final AVRational TICKS = AvRationals.of(1, 90_000);
    private static final int MAX_PENDING_AUDIO = 512;

    private final String name;
    private final EncoderSettings settings;
    private final Muxer muxer;
    private final AudioTrack audio;
    private final ArrayDeque<AudioPacket> pendingAudio = new ArrayDeque<>();
    private final PictureConverter converter = new PictureConverter();
    private AVCodecContext encoder;
    private AVFrame yuv;
    private AVPacket packet = av_packet_alloc();
    private long lastPts = Long.MIN_VALUE;
    private long nextKeyPts = Long.MIN_VALUE;
    private long keyInterval;
    private long droppedFrames;

    private MediaWriter(String name, EncoderSettings settings, Muxer muxer, AudioTrack audio) {
        this.name = name;
        this.settings = settings;
        this.muxer = muxer;
        this.audio = audio;
    }

    /**
     * @param container FFmpeg muxer name ("mp4", "matroska", "mpegts"), or null to choose by file name
     * @param audio the source audio to pass through, or null for video only
     */
    public static MediaWriter toFile(Path file, String container, EncoderSettings settings, AudioTrack audio) {
        return new MediaWriter(file.getFileName().toString(), settings, Muxer.file(file, container), audio);
    }

    /**
     * Checks, before any frame is decoded for it, that {@code file} can be written: FFmpeg knows its container from
     * the extension (or from {@code container}), its folder exists, and a file can be created there (a probe file is
     * created and removed; an existing file is opened for writing, not truncated).
     *
     * @throws MediaException naming the file and why not
     */
    public static void checkFile(Path file, String container) throws MediaException {
        if (Files.isDirectory(file)) {
            throw new MediaException(file + ": cannot be written: it is a folder");
        }
        if (av_guess_format(container, file.toString(), null) == null) {
            throw new MediaException(file + ": FFmpeg knows no container for this extension (use .mp4, .mkv, .webm or .ts)");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new MediaException(file + ": cannot be written: the folder " + folder + " does not exist");
        }
        boolean existed = Files.exists(file);
        try (FileChannel probe = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // opened for writing: the muxer can create it too
        } catch (IOException | UnsupportedOperationException e) {
            String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            throw new MediaException(file + ": cannot be written (" + why + ")", e);
        } finally {
            if (!existed) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // the muxer will write it anyway
                }
            }
        }
    }

    /** MPEG-TS segments of {@code segmentSeconds} (cut on the next key frame at or after that time). */
    public static MediaWriter toSegments(String name, SegmentSink sink, double segmentSeconds, EncoderSettings settings, AudioTrack audio) {
        return new MediaWriter(name, settings, Muxer.segments(name, sink, Math.round(segmentSeconds * 90_000)), audio);
    }

    /**
     * Encodes one picture.
     *
     * @param pixels tightly packed picture (direct buffer)
     * @param ptsNanos presentation time; pictures whose time does not advance are dropped and counted
     */
    public void writePicture(ByteBuffer pixels, PixelLayout layout, int width, int height, long ptsNanos)
            throws MediaException {
        if (encoder == null) {
            openEncoder(settings.width() > 0 ? settings.width() : width, settings.height() > 0 ? settings.height() : height);
        }
        long pts = av_rescale_q(ptsNanos, AvRationals.NANOS, TICKS);
        if (pts <= lastPts) {
            droppedFrames++;
            return;
        }
        lastPts = pts;
        av_frame_make_writable(yuv);
        converter.toFrame(pixels, layout, width, height, yuv);
        yuv.pts(pts);
        // Without a duration the MP4 muxer gives the last sample length 0 and players (and FFmpeg) drop it.
        yuv.duration(90_000 / settings.frameRate());
        if (pts >= nextKeyPts) {
            // Forced IDR on the frames' clock: segments cut here, and a late joiner waits at most one interval.
            yuv.pict_type(AV_PICTURE_TYPE_I);
            yuv.flags(yuv.flags() | AVFrame.AV_FRAME_FLAG_KEY);
            nextKeyPts = (nextKeyPts == Long.MIN_VALUE ? pts : nextKeyPts) + keyInterval;
            if (nextKeyPts <= pts) {
                nextKeyPts = pts + keyInterval;
            }
        } else {
            yuv.pict_type(AV_PICTURE_TYPE_NONE);
            yuv.flags(yuv.flags() & ~AVFrame.AV_FRAME_FLAG_KEY);
        }
        int ret = avcodec_send_frame(encoder, yuv);
        if (ret < 0) {
            throw new MediaException(name + ": encoder rejected a frame (" + AvErrors.text(ret) + ")");
        }
        drainEncoder();
    }

    /** Passes one audio packet through (needs the writer to have been created with its track). */
    public void writeAudio(AudioPacket audioPacket) throws MediaException {
        if (audio == null) {
            return;
        }
        if (!muxer.isOpen()) {
            if (pendingAudio.size() >= MAX_PENDING_AUDIO) {
                pendingAudio.poll();
            }
            pendingAudio.add(audioPacket);
            return;
        }
        AVPacket p = av_packet_alloc();
        try {
            av_new_packet(p, audioPacket.data().length);
            p.data().put(audioPacket.data());
            p.pts(audioPacket.pts());
            p.dts(audioPacket.dts());
            p.duration(audioPacket.duration());
            p.flags(audioPacket.flags());
            muxer.writeAudio(p, AvRationals.of(audio.timeBaseNum(), audio.timeBaseDen()));
        } finally {
            av_packet_free(p);
        }
    }

    private void openEncoder(int width, int height) throws MediaException {
        AVCodec codec = avcodec_find_encoder_by_name(settings.encoder());
        if (codec == null) {
            throw new MediaException(name + ": video encoder '" + settings.encoder() + "' is not in this FFmpeg build");
        }
        encoder = avcodec_alloc_context3(codec);
        encoder.width(width & ~1);
        encoder.height(height & ~1);
        encoder.pix_fmt(AV_PIX_FMT_YUV420P);
        encoder.time_base(TICKS);
        encoder.framerate(AvRationals.of(settings.frameRate(), 1));
        encoder.bit_rate(settings.bitrate());
        encoder.gop_size((int) Math.max(1, Math.round(settings.keyframeSeconds() * settings.frameRate())));
        encoder.max_b_frames(0);
        encoder.flags(encoder.flags() | AV_CODEC_FLAG_LOW_DELAY);
        if (muxer.needsGlobalHeader()) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        keyInterval = Math.max(1, Math.round(settings.keyframeSeconds() * 90_000));
        AVDictionary options = new AVDictionary(null);
        for (Map.Entry<String, String> e : lowLatencyOptions(settings.encoder()).entrySet()) {
            av_dict_set(options, e.getKey(), e.getValue(), 0);
        }
        for (Map.Entry<String, String> e : settings.options().entrySet()) {
            av_dict_set(options, e.getKey(), e.getValue(), 0);
        }
        int ret = avcodec_open2(encoder, codec, options);
        av_dict_free(options);
        if (ret < 0) {
            throw new MediaException(name + ": cannot open encoder " + settings.encoder() + " ("
                    + AvErrors.text(ret) + ")");
        }
        yuv = av_frame_alloc();
        yuv.format(AV_PIX_FMT_YUV420P);
        yuv.width(encoder.width());
        yuv.height(encoder.height());
        av_frame_get_buffer(yuv, 32);
    }

    /** The per-encoder spelling of "no B-frames, no look-ahead, one frame in, one packet out". */
    static Map<String, String> lowLatencyOptions(String encoderName) {
        return switch (encoderName) {
            case "libx264" -> Map.of("preset", "veryfast", "tune", "zerolatency", "bf", "0");
            case "h264_nvenc" -> Map.of("preset", "p2", "tune", "ull", "zerolatency", "1", "delay", "0", "bf", "0");
            // OpenH264 has no B-frames and no look-ahead by design; only the frame skipping must stay off,
            // and rate control must follow the bitrate.
            case "libopenh264" -> Map.of("allow_skip_frames", "0", "rc_mode", "bitrate");
            // VP8 (WebM): libvpx's real-time mode at its usual live speed, no frame look-ahead (no alt-ref frames).
            case "libvpx" -> Map.of("deadline", "realtime", "cpu-used", "8", "lag-in-frames", "0");
            default -> Map.of("bf", "0");
        };
    }

    private void drainEncoder() throws MediaException {
        while (avcodec_receive_packet(encoder, packet) >= 0) {
            boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            if (packet.duration() <= 0) {
                // OpenH264 does not copy the frame's duration; the MP4 muxer needs it for the last sample.
                packet.duration(90_000 / settings.frameRate());
            }
            if (!muxer.isOpen() || muxer.wantsCut(packet.pts(), key)) {
                muxer.open(encoder, TICKS, audio, packet.pts());
                flushPendingAudio();
            }
            muxer.writeVideo(packet, TICKS);
            av_packet_unref(packet);
        }
    }

    private void flushPendingAudio() throws MediaException {
        while (!pendingAudio.isEmpty()) {
            writeAudio(pendingAudio.poll());
        }
    }

    /** @return pictures dropped because their timestamp did not advance */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** @return segments started so far (1 for a file once anything was written) */
    public long segments() {
        return muxer.opened();
    }

    /** Flushes the encoder, finishes the file or the last segment, frees everything. */
    @Override
    public void close() throws MediaException {
        try {
            if (encoder != null) {
                avcodec_send_frame(encoder, null);
                drainEncoder();
            }
            if (muxer.isOpen()) {
                flushPendingAudio();
            }
            muxer.close();
        } finally {
            if (encoder != null) {
                avcodec_free_context(encoder);
                encoder = null;
            }
            if (yuv != null) {
                av_frame_free(yuv);
                yuv = null;
            }
            if (packet != null) {
                av_packet_free(packet);
                packet = null;
            }
            converter.close();
        }
    }

    /** @return whether FFmpeg's muxer for {@code container}/{@code file} wants codec headers out of band (MP4, MKV). */
    static boolean globalHeader(String container, String file) {
        AVOutputFormat f = av_guess_format(container, file, null);
        return f != null && (f.flags() & AVFMT_GLOBALHEADER) != 0;
    }
}
