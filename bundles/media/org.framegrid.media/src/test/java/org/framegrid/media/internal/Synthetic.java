package org.framegrid.media.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Test media made at test time: a moving pattern that codecs can compress but that still shows damage, and a tone. */
final class Synthetic {
    private Synthetic() {
    }

    /** Frame {@code i} as RGB24: gradients that move with i, plus a bright square crossing the picture. */
    static void pattern(ByteBuffer rgb, int w, int h, int i) {
        int box = Math.max(8, w / 8);
        int bx = (i * 4) % Math.max(1, w - box);
        int by = h / 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                boolean inBox = x >= bx && x < bx + box && y >= by && y < by + box;
                rgb.put(p, (byte) (inBox ? 250 : (x + i * 2) * 255 / (w + 64)));
                rgb.put(p + 1, (byte) (inBox ? 250 : y * 255 / h));
                rgb.put(p + 2, (byte) (inBox ? 30 : 128 + ((x + y + i) & 63)));
            }
        }
    }

    static ByteBuffer frame(int w, int h, int i) {
        ByteBuffer b = ByteBuffer.allocateDirect(w * h * 3);
        pattern(b, w, h, i);
        return b;
    }

    /**
     * @return {@code seconds} of the pattern at {@code fps}, encoded by a writer named {@code name} into 1 s segments
     *     kept in memory
     */
    static List<byte[]> segments(String name, int w, int h, int fps, int seconds, long bitrate) throws Exception {
        List<ByteArrayOutputStream> outs = new ArrayList<>();
        MediaWriter writer = MediaWriter.toSegments(name, seq -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            outs.add(out);
            return out;
        }, 1.0, EncoderSettings.lowLatency(bitrate, 1.0, fps), null);
        for (int i = 0; i < seconds * fps; i++) {
            writer.writePicture(frame(w, h, i), PixelLayout.RGB24, w, h, i * 1_000_000_000L / fps);
        }
        writer.close();
        return outs.stream().map(ByteArrayOutputStream::toByteArray).toList();
    }

    private static void toBgr(ByteBuffer rgb, ByteBuffer bgr, int stride, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int s = (y * w + x) * 3;
                int d = y * stride + x * 3;
                bgr.put(d, rgb.get(s + 2));
                bgr.put(d + 1, rgb.get(s + 1));
                bgr.put(d + 2, rgb.get(s));
            }
        }
    }

    /** PSNR in dB between two RGB24 pictures. */
    static double psnr(ByteBuffer a, ByteBuffer b, int bytes) {
        double se = 0;
        for (int k = 0; k < bytes; k++) {
            int d = (a.get(k) & 0xff) - (b.get(k) & 0xff);
            se += d * d;
        }
        double mse = se / bytes;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /**
     * Writes a clip with JavaCV's recorder (a different producer than our writer): {@code videoCodec} in
     * {@code container}, and when {@code audio} a 440 Hz mono AAC/Opus tone of the same length.
     */
    static void clip(Path file, String container, String videoCodec, int w, int h, int fps, int frames, boolean audio,
                     String... options) throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), w, h, audio ? 1 : 0)) {
            r.setFormat(container);
            r.setVideoCodecName(videoCodec);
            r.setFrameRate(fps);
            r.setGopSize(fps);
            r.setVideoBitrate(800_000);
            for (int k = 0; k + 1 < options.length; k += 2) {
                r.setOption(options[k], options[k + 1]);
            }
            if (audio) {
                r.setSampleRate(48_000);
                r.setAudioChannels(1);
                r.setAudioCodec(container.equals("webm") ? avcodec.AV_CODEC_ID_OPUS : avcodec.AV_CODEC_ID_AAC);
                r.setAudioBitrate(64_000);
            }
            r.start();
            Frame f = w > 0 ? new Frame(w, h, Frame.DEPTH_UBYTE, 3) : null;
            ByteBuffer rgb = ByteBuffer.allocateDirect(Math.max(1, w * h * 3));
            int perFrame = 48_000 / fps;
            ShortBuffer tone = ShortBuffer.allocate(perFrame);
            for (int i = 0; i < frames; i++) {
                if (w > 0) {
                    pattern(rgb, w, h, i);
                    toBgr(rgb, (ByteBuffer) f.image[0], f.imageStride, w, h);
                }
                if (w > 0) {
                    r.record(f);
                }
                if (audio) {
                    tone.clear();
                    for (int k = 0; k < perFrame; k++) {
                        tone.put((short) (8000 * Math.sin(2 * Math.PI * 440 * (i * perFrame + k) / 48_000.0)));
                    }
                    tone.flip();
                    r.recordSamples(48_000, 1, tone);
                }
            }
            r.stop();
        }
    }
}
