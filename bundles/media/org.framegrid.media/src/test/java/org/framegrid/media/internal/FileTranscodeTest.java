package org.framegrid.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.framegrid.media.MediaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** File jobs: MP4 in, MP4 out with the audio untouched; containers and codecs the LGPL build decodes; bad input. */
@Timeout(60)
class FileTranscodeTest {
    static final int FPS = 25;

    @TempDir
    Path dir;

    @Test
    void mp4InMp4OutKeepsAudioUntouchedAndInSync() throws Exception {
        Path in = dir.resolve("in.mp4");
        Path out = dir.resolve("out.mp4");
        Synthetic.clip(in, "mp4", "libopenh264", 320, 240, FPS, 2 * FPS, true);
        // The processing step darkens the picture: proves frames went through it.
        FileTranscoder.Result r = FileTranscoder.run(in, out, EncoderSettings.lowLatency(1_000_000, 1, FPS),
                PixelLayout.RGB24,
                (px, w, h, pts) -> {
                    for (int k = 0; k < w * h * 3; k++) {
                        px.put(k, (byte) ((px.get(k) & 0xff) / 2));
                    }
                });
        System.out.println("transcode: " + r + ", pictures in " + pictures(in) + ", out " + pictures(out));
        assertEquals(2 * FPS, r.frames());
        assertEquals("h264", r.videoCodec());
        assertEquals(2 * FPS, pictures(out), "every frame in the output");

        List<byte[]> audioIn = audioPackets(in);
        List<byte[]> audioOut = audioPackets(out);
        assertTrue(audioIn.size() > 50, "input has audio");
        assertEquals(audioIn.size(), audioOut.size(), "every audio packet passed through");
        for (int k = 0; k < audioIn.size(); k++) {
            assertArrayEquals(audioIn.get(k), audioOut.get(k), "audio packet " + k + " untouched");
        }
        try (FFmpegFrameGrabber a = new FFmpegFrameGrabber(in.toFile()); FFmpegFrameGrabber b = new FFmpegFrameGrabber(out.toFile())) {
            a.start();
            b.start();
            assertEquals(a.getAudioCodecName(), b.getAudioCodecName());
            assertEquals(a.getSampleRate(), b.getSampleRate());
            long oneFrame = 1_000_000 / FPS;
            assertTrue(Math.abs(a.getLengthInTime() - b.getLengthInTime()) <= oneFrame,
                    "duration in " + a.getLengthInTime() + " us, out " + b.getLengthInTime() + " us");
        }
    }

    static int pictures(Path file) throws Exception {
        int n = 0;
        try (MediaReader reader = MediaReader.open(file, false)) {
            MediaReader.Item item;
            while ((item = reader.next()) != MediaReader.Item.END) {
                n += item == MediaReader.Item.PICTURE ? 1 : 0;
            }
        }
        return n;
    }

    /** The compressed audio packets of a file, in order. */
    static List<byte[]> audioPackets(Path file) throws Exception {
        List<byte[]> packets = new ArrayList<>();
        try (MediaReader reader = MediaReader.open(file, false)) {
            assertNotNull(reader.audioTrack(), file + " has an audio stream");
            MediaReader.Item item;
            while ((item = reader.next()) != MediaReader.Item.END) {
                if (item == MediaReader.Item.AUDIO) {
                    packets.add(reader.audioPacket().data());
                }
            }
        }
        return packets;
    }

    @Test
    void decodesTheContainersAndCodecsOfTheLgplBuild() throws Exception {
        record Case(String file, String container, String codec, String expected, String[] options) {
        }
        List<Case> cases = List.of(
                new Case("vp8.webm", "webm", "libvpx", "vp8", new String[] {"deadline", "realtime", "cpu-used", "8"}),
                new Case("vp9.webm", "webm", "libvpx-vp9", "vp9", new String[] {"deadline", "realtime", "cpu-used", "8"}),
                new Case("mjpeg.mkv", "matroska", "mjpeg", "mjpeg", new String[0]),
                new Case("h264.mkv", "matroska", "libopenh264", "h264", new String[0]),
                new Case("h264-frag.mp4", "mp4", "libopenh264", "h264", new String[] {"movflags", "frag_keyframe+empty_moov"}),
                new Case("h264.ts", "mpegts", "libopenh264", "h264", new String[0]));
        for (Case c : cases) {
            Path file = dir.resolve(c.file());
            Synthetic.clip(file, c.container(), c.codec(), 160, 120, FPS, 10, c.container().equals("webm"), c.options());
            int pictures = 0;
            try (MediaReader reader = MediaReader.open(file, false)) {
                assertEquals(c.expected(), reader.videoCodec(), c.file());
                MediaReader.Item item;
                while ((item = reader.next()) != MediaReader.Item.END) {
                    if (item == MediaReader.Item.PICTURE) {
                        pictures++;
                    }
                }
            }
            assertEquals(10, pictures, c.file());
        }
    }

    @Test
    void aFileThatIsNotVideoGivesOneLineNamingFileAndReason() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "shopping list: milk, eggs\n".repeat(50));
        MediaException e = assertThrows(MediaException.class, () -> MediaReader.open(text, false));
        assertEquals("notes.txt: not a video file (text)", e.getMessage());

        Path junk = dir.resolve("clip.mp4");
        byte[] noise = new byte[100_000];
        new java.util.Random(7).nextBytes(noise);
        Files.write(junk, noise);
        MediaException j = assertThrows(MediaException.class, () -> MediaReader.open(junk, false));
        assertEquals("clip.mp4: not a video file (Invalid data found when processing input)", j.getMessage());

        Path audioOnly = dir.resolve("tone.m4a");
        Synthetic.clip(audioOnly, "mp4", "libopenh264", 0, 0, FPS, FPS, true);
        MediaException a = assertThrows(MediaException.class, () -> MediaReader.open(audioOnly, false));
        assertEquals("tone.m4a: not a video file (audio only)", a.getMessage());
    }
}
