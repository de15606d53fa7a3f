package org.framegrid.media.internal.stage;

import static org.framegrid.testing.Streams.stage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.media.internal.MediaTestAccess;
import org.framegrid.media.internal.SegmentDecoder;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** decode -> encode through the real engine: a file job with audio, and a live segment stream with a bad segment. */
@Timeout(60)
class MediaStagesTest {
    static final int FPS = 25;

    @TempDir
    Path dir;

    static MemorySegmentChannels channels() {
        return new MemorySegmentChannels(10);
    }

    static PipelineDefinition pipeline(Map<String, Object> decode, Map<String, Object> encode) {
        return new PipelineDefinition("media", "test", "r", List.of(
                new NodeDefinition("dec", "decode", decode),
                new NodeDefinition("enc", "encode", encode)),
                List.of(new EdgeDefinition("dec", "enc", null)), QueuePolicy.BLOCK, null);
    }


    static void awaitProcessed(EmbeddedEngine engine, String stream, long frames) {
        Await.until(frames + " frames encoded", 30_000, () -> stage(engine, stream, "enc").processed() >= frames,
                () -> stage(engine, stream, "enc").processed() + " encoded");
        assertEquals(frames, stage(engine, stream, "enc").processed(), "frames encoded");
    }

    /** An output file that cannot be written fails the start with one line naming it: no frame is decoded for it. */
    @Test
    void anOutputThatCannotBeWrittenFailsTheStart() throws Exception {
        Path in = dir.resolve("in.mp4");
        MediaTestAccess.clip(in, 160, 120, FPS, FPS);
        Map<Path, String> outputs = Map.of(
                dir.resolve("missing/out.mp4"), "the folder " + dir.resolve("missing") + " does not exist",
                Path.of("/proc/out.mp4"), "cannot be written (",
                dir.resolve("out.xyz"), "FFmpeg knows no container for this extension",
                dir, "cannot be written: it is a folder");
        MemorySegmentChannels channels = channels();
        try (EmbeddedEngine engine = new EmbeddedEngine(100, false)) {
            engine.addProvider(new DecodeProvider(channels), 0, 1, "media");
            engine.addProvider(new EncodeProvider(channels), 0, 2, "media");
            for (var output : outputs.entrySet()) {
                PipelineDefinition d = pipeline(Map.of("input", in.toString(), "format", "I420"),
                        Map.of("output", output.getKey().toString(), "fps", FPS));
                PipelineDefinitionException e = assertThrows(PipelineDefinitionException.class,
                        () -> engine.start(d, "job", Map.of()).close(), output.getKey().toString());
                assertEquals(1, e.problems().size(), e.problems().toString());
                String line = e.problems().get(0).toString();
                assertTrue(line.contains(output.getKey().toString()) && line.contains(output.getValue()), line);
                assertTrue(engine.stream("job").isEmpty(), "nothing runs");
            }
        }
        assertTrue(!Files.exists(dir.resolve("out.xyz")), "the probe leaves no file behind");
    }

    /** A file cut short ends the job with one counted error that says so; a whole file gives none. */
    @Test
    void aTruncatedInputSaysItEndedEarly() throws Exception {
        Path whole = dir.resolve("whole.mp4");
        MediaTestAccess.indexFirstClip(whole, 160, 120, FPS, 4 * FPS);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        MemorySegmentChannels channels = channels();
        try (EmbeddedEngine engine = new EmbeddedEngine(100, false)) {
            engine.addProvider(new DecodeProvider(channels), 0, 1, "media");
            engine.addProvider(new EncodeProvider(channels), 0, 2, "media");
            StageStatus complete = decodeOf(engine, whole, dir.resolve("out1.mp4"));
            assertEquals(0, complete.errors(), String.valueOf(complete.lastError()));
            StageStatus truncated = decodeOf(engine, cut, dir.resolve("out2.mp4"));
            assertEquals(1, truncated.errors(), String.valueOf(truncated.lastError()));
            assertTrue(truncated.lastError().contains("cut.mp4: the input ended early, after ")
                    && truncated.lastError().contains(" of the " + 4 * FPS + " pictures its container declares"),
                    truncated.lastError());
        }
    }

    /**
     * Matroska, WebM and MPEG-TS state no picture count: a cut in the middle of a cluster shows against the duration
     * the header declares, and a TS cut inside a packet (or inside a PES packet of stated length) against its packets.
     */
    @Test
    void aTruncatedMatroskaWebmOrTsInputSaysItEndedEarly() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("mkv", "matroska");
        cases.put("webm", "webm");
        cases.put("ts", "mpegts");
        MemorySegmentChannels channels = channels();
        try (EmbeddedEngine engine = new EmbeddedEngine(100, false)) {
            engine.addProvider(new DecodeProvider(channels), 0, 1, "media");
            engine.addProvider(new EncodeProvider(channels), 0, 2, "media");
            for (var c : cases.entrySet()) {
                Path whole = dir.resolve("whole." + c.getKey());
                MediaTestAccess.clipIn(whole, c.getValue(), 160, 120, FPS, 8 * FPS);
                byte[] bytes = Files.readAllBytes(whole);
                int middle = bytes.length / 2 / 188 * 188;
                Map<Integer, String> cuts = new java.util.LinkedHashMap<>();
                cuts.put(middle + 100, c.getKey().equals("ts") ? ": its last TS packet has 100 of its 188 bytes"
                        : " s its container declares");
                if (c.getKey().equals("ts")) {
                    cuts.put(insideAudioPes(bytes), ": its last PES packet on PID "); // between two TS packets
                }
                StageStatus complete = decodeOf(engine, whole, dir.resolve("whole-" + c.getKey() + ".mp4"));
                assertEquals(0, complete.errors(), c.getKey() + ": " + complete.lastError());
                for (var cut : cuts.entrySet()) {
                    Path in = Files.write(dir.resolve("cut" + cut.getKey() + "." + c.getKey()),
                            java.util.Arrays.copyOf(bytes, cut.getKey()));
                    StageStatus truncated = decodeOf(engine, in, dir.resolve("cut-" + c.getKey() + ".mp4"));
                    String why = String.valueOf(truncated.lastError());
                    assertEquals(1, truncated.errors(), in.getFileName() + ": " + why);
                    assertTrue(why.contains(in.getFileName() + ": the input ended early at ")
                            && why.contains(cut.getValue()) && why.endsWith(" pictures (truncated?)"), why);
                }
            }
        }
    }

    /** @return a cut between two TS packets, after the first of an audio PES packet that is longer, after the middle */
    private static int insideAudioPes(byte[] ts) {
        for (int p = ts.length / 2 / 188 * 188; p + 188 <= ts.length; p += 188) {
            int payload = p + 4 + ((ts[p + 3] & 0x20) != 0 ? 1 + (ts[p + 4] & 0xff) : 0);
            if ((ts[p + 1] & 0x40) != 0 && payload + 6 <= p + 188 && ts[payload] == 0 && ts[payload + 1] == 0
                    && ts[payload + 2] == 1 && (ts[payload + 3] & 0xe0) == 0xc0
                    && ((ts[payload + 4] & 0xff) << 8 | ts[payload + 5] & 0xff) > 184) {
                return p + 188;
            }
        }
        throw new AssertionError("no audio PES packet longer than a TS packet after the middle");
    }

    private static StageStatus decodeOf(EmbeddedEngine engine, Path in, Path out) throws Exception {
        StreamHandle h = engine.start(pipeline(Map.of("input", in.toString(), "format", "I420"),
                Map.of("output", out.toString(), "fps", FPS)), "job", Map.of());
        assertTrue(h.awaitEnd(60, TimeUnit.SECONDS), "the file job ends by itself");
        return h.status().stages().get(0);
    }

    @Test
    void fileJobThroughTheEngineKeepsAudio() throws Exception {
        Path in = dir.resolve("in.mp4");
        Path out = dir.resolve("out.mp4");
        MediaTestAccess.clip(in, 320, 240, FPS, 2 * FPS);
        MemorySegmentChannels channels = channels();
        try (EmbeddedEngine engine = new EmbeddedEngine(100, false)) {
            engine.addProvider(new DecodeProvider(channels), 0, 1, "media");
            engine.addProvider(new EncodeProvider(channels), 0, 2, "media");
            PipelineDefinition d = pipeline(Map.of("input", in.toString(), "format", "I420"),
                    Map.of("output", out.toString(), "fps", FPS, "bitrate", 1_000_000));
            assertEquals(List.of(), engine.check(d));
            StreamHandle h = engine.start(d, "job", Map.of());
            // The file's end ends the stream: every frame encoded, the encoder finished by the engine, not by us.
            assertTrue(h.awaitEnd(60, TimeUnit.SECONDS), "the file job ends by itself");
            assertTrue(engine.stream("job").isEmpty());
            assertEquals(0, engine.pool().outstanding(), "every frame returned to the pool");
        }
        assertEquals(2 * FPS, MediaTestAccess.pictures(out));
        List<byte[]> a = MediaTestAccess.audioPackets(in);
        List<byte[]> b = MediaTestAccess.audioPackets(out);
        assertEquals(a.size(), b.size(), "audio packets");
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k), b.get(k));
        }
    }

    /** {@code encoder: libvpx} is a value the stage takes: VP8 in WebM, what `bench media` compares with ffmpeg's. */
    @Test
    void aFileJobEncodesVp8IntoWebm() throws Exception {
        Path in = dir.resolve("in.mp4");
        Path out = dir.resolve("out.webm");
        MediaTestAccess.silentClip(in, 320, 240, FPS, FPS);
        MemorySegmentChannels channels = channels();
        try (EmbeddedEngine engine = new EmbeddedEngine(100, false)) {
            engine.addProvider(new DecodeProvider(channels), 0, 1, "media");
            engine.addProvider(new EncodeProvider(channels), 0, 2, "media");
            PipelineDefinition d = pipeline(Map.of("input", in.toString(), "format", "I420"),
                    Map.of("output", out.toString(), "fps", FPS, "bitrate", 1_000_000, "encoder", "libvpx"));
            assertEquals(List.of(), engine.check(d));
            StreamHandle h = engine.start(d, "job", Map.of());
            assertTrue(h.awaitEnd(60, TimeUnit.SECONDS), "the file job ends by itself");
        }
        assertEquals(FPS, MediaTestAccess.pictures(out));
        assertEquals("vp8", MediaTestAccess.videoCodec(out));
    }

    @Test
    void liveSegmentsInAndOutThroughTheEngineSkipABadSegment() throws Exception {
        List<byte[]> segments = MediaTestAccess.segments(4);
        MemorySegmentChannels channels = channels();
        SegmentChannel in = channels.open("mid");
        for (int s = 0; s < segments.size(); s++) {
            SegmentWriter w = in.publish();
            byte[] bytes = s == 1 ? new byte[segments.get(s).length] : segments.get(s);
            w.write(bytes, 0, bytes.length);
            w.close();
        }
        try (EmbeddedEngine engine = new EmbeddedEngine(100, false)) {
            engine.addProvider(new DecodeProvider(channels), 0, 1, "media");
            engine.addProvider(new EncodeProvider(channels), 0, 2, "media");
            StreamHandle h = engine.start(pipeline(Map.of("input", "channel:mid"),
                    Map.of("output", "channel:mid-out", "fps", FPS, "segment-seconds", 1.0)), "live", Map.of());
            awaitProcessed(engine, "live", 3 * FPS);
            Await.until("the zeroed segment counted as an error", 10_000,
                    () -> stage(engine, "live", "dec").errors() >= 1);
            StageStatus dec = stage(engine, "live", "dec");
            assertEquals(1, dec.errors(), "the zeroed segment is counted");
            assertTrue(dec.lastError().contains("mid/1: not a video file"), dec.lastError());
            h.close();
        }
        SegmentChannel out = channels.find("mid-out").orElseThrow();
        out.close();
        SegmentDecoder check = new SegmentDecoder(out);
        check.run(0, 1, TimeUnit.SECONDS, reader -> { });
        assertEquals(3 * FPS, check.pictures(), "the intact segments' frames came out");
        assertEquals(0, check.badSegments());
    }

    @Test
    void atTheLiveEdgeABacklogIsSkippedAndCountedAndTheNewestFramesWin() throws Exception {
        List<byte[]> segments = MediaTestAccess.segments(4);
        MemorySegmentChannels channels = channels();
        SegmentChannel in = channels.open("late");
        for (byte[] bytes : segments) { // a slow start: four segments wait before the decoder runs
            try (SegmentWriter w = in.publish()) {
                w.write(bytes, 0, bytes.length);
            }
        }
        try (EmbeddedEngine engine = new EmbeddedEngine(100, false)) {
            engine.addProvider(new DecodeProvider(channels), 0, 1, "media");
            engine.addProvider(new EncodeProvider(channels), 0, 2, "media");
            engine.start(pipeline(Map.of("input", "channel:late", "live-edge", true),
                    Map.of("output", "channel:late-out", "fps", FPS, "segment-seconds", 1.0)), "live", Map.of());
            // The three older segments are skipped whole; the newest is here whole too, so its frames are decoded
            // but, while later ones wait behind them, not handed on: the newest frames win.
            Await.until("the newest segment decoded", 30_000, () -> stage(engine, "live", "enc").processed()
                    + stage(engine, "live", "dec").drops() == 3 + FPS);
            long shown = stage(engine, "live", "enc").processed();
            assertTrue(shown >= 1 && shown <= FPS / 2, "the last frames of the newest segment only: " + shown);
        }
    }
}
