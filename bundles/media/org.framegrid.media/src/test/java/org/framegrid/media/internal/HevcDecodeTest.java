package org.framegrid.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.framegrid.testing.Fixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H.265 decoding in every container the decode stage takes. Our LGPL FFmpeg has no H.265 encoder, so the clip is
 * made with Debian's x265 command-line encoder (fetched by the build for tests only, see src/build/fetch-x265.sh) and
 * remuxed, not re-encoded, into MPEG-TS, MP4, fragmented MP4 and MKV by our FFmpeg.
 */
class HevcDecodeTest {

    private static final int W = 160;
    private static final int H = 120;
    private static final int FRAMES = 12;

    @TempDir
    static Path dir;
    private static Path elementary;

    @BeforeAll
    static void encodeWithX265() throws Exception {
        Path home = Path.of(System.getProperty("framegrid.x265", "target/no-x265"));
        Path x265 = home.resolve("usr/bin/x265");
        Fixture.require(Files.isExecutable(x265), "no x265 at " + x265 + " (the build fetches Debian's x265 with "
                + "apt-get download: src/build/fetch-x265.sh)");
        Path yuv = dir.resolve("pattern.yuv");
        try (OutputStream out = Files.newOutputStream(yuv)) {
            for (int i = 0; i < FRAMES; i++) {
                out.write(yuv420(Synthetic.frame(W, H, i)));
            }
        }
        elementary = dir.resolve("clip.hevc");
        ProcessBuilder pb = new ProcessBuilder(x265.toString(), "--input", yuv.toString(), "--input-res", W + "x" + H,
                "--fps", "30", "--frames", String.valueOf(FRAMES), "--preset", "ultrafast", "--keyint", "30", "--bframes", "0",
                "--log-level", "error", "--output", elementary.toString()).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", home.resolve("usr/lib/x86_64-linux-gnu").toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "x265 did not finish");
        assertEquals(0, p.exitValue(), "x265 failed: " + log);
    }

    /** BT.601 limited-range 4:2:0, what x265 reads as raw input. */
    private static byte[] yuv420(ByteBuffer rgb) {
        byte[] out = new byte[W * H * 3 / 2];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = (y * W + x) * 3;
                int r = rgb.get(p) & 255;
                int g = rgb.get(p + 1) & 255;
                int b = rgb.get(p + 2) & 255;
                out[y * W + x] = (byte) (16 + (66 * r + 129 * g + 25 * b + 128 >> 8));
                if ((x & 1) == 0 && (y & 1) == 0) {
                    int c = (y / 2) * (W / 2) + x / 2;
                    out[W * H + c] = (byte) (128 + (-38 * r - 74 * g + 112 * b + 128 >> 8));
                    out[W * H * 5 / 4 + c] = (byte) (128 + (112 * r - 94 * g - 18 * b + 128 >> 8));
                }
            }
        }
        return out;
    }

    /** Copies the elementary stream's packets into {@code container}: no decoding, no encoding. */
    private static Path remux(String name, String container, String... options) throws IOException {
        Path file = dir.resolve(name);
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(elementary.toFile())) {
            in.setFormat("hevc");
            in.setFrameRate(30);
            in.start();
            try (FFmpegFrameRecorder out = new FFmpegFrameRecorder(file.toFile(), W, H, 0)) {
                out.setFormat(container);
                for (int k = 0; k + 1 < options.length; k += 2) {
                    out.setOption(options[k], options[k + 1]);
                }
                out.start(in.getFormatContext());
                // A raw elementary stream carries no timestamps, which the muxers need: one frame per packet at 30 fps
                // in the input stream's time base (no B-frames, so decode order is display order).
                AVRational base = in.getFormatContext().streams(0).time_base();
                long step = base.den() / (30L * base.num());
                AVPacket packet;
                for (long i = 0; (packet = in.grabPacket()) != null; i++) {
                    packet.pts(i * step).dts(i * step).duration(step);
                    out.recordPacket(packet);
                }
            }
        }
        return file;
    }

    @Test
    void decodesH265FromTsMp4FragmentedMp4AndMkv() throws Exception {
        List<Path> files = List.of(remux("h265.ts", "mpegts"), remux("h265.mp4", "mp4"),
                remux("h265-frag.mp4", "mp4", "movflags", "frag_keyframe+empty_moov"), remux("h265.mkv", "matroska"));
        for (Path file : files) {
            int pictures = 0;
            try (MediaReader reader = MediaReader.open(file, false)) {
                assertEquals("hevc", reader.videoCodec(), file.getFileName().toString());
                MediaReader.Item item;
                while ((item = reader.next()) != MediaReader.Item.END) {
                    if (item == MediaReader.Item.PICTURE) {
                        assertEquals(W, reader.width());
                        pictures++;
                    }
                }
            }
            assertEquals(FRAMES, pictures, file.getFileName().toString());
        }
    }

    @Test
    void decodesH265LiveSegmentsWhileTheyArrive() throws Exception {
        Path ts = remux("live.ts", "mpegts");
        int pictures = 0;
        try (MediaReader reader = MediaReader.open(Files.newInputStream(ts), "live.ts", "mpegts", true)) {
            assertEquals("hevc", reader.videoCodec());
            MediaReader.Item item;
            while ((item = reader.next()) != MediaReader.Item.END) {
                if (item == MediaReader.Item.PICTURE) {
                    pictures++;
                }
            }
        }
        assertEquals(FRAMES, pictures);
    }
}
