package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.framegrid.ingest.embedded.EmbeddedIngest;
import org.framegrid.testing.Await;
import org.framegrid.trickle.channel.SegmentChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ffmpeg -re -i clip.mp4 -c copy -f flv rtmp://…} and {@code … -f mpegts srt://…} each go live through a
 * pipeline (decode → passthrough → encode on the orchestrator), and the gateway's HLS output plays in {@code ffprobe} with
 * every frame and audio packet of the stream's output. The end of the push goes through (ingest → gateway →
 * orchestrator's pipeline → output → HLS {@code #EXT-X-ENDLIST}), so the output holds every frame of the clip, its last
 * segment included, and its audio. A player reading {@code GET /v1/streams/ID/output.ts} (one continuous MPEG-TS over
 * HTTP) with the {@code ffmpeg} CLI gets the output too, and its read ends when the stream does.
 */
@Timeout(180)
class PushHlsTest {
    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final Path FFPROBE = Path.of("/usr/bin/ffprobe");
    private static final ObjectMapper JSON = new ObjectMapper();
    private LiveNode node;
    private EmbeddedIngest ingest;

    @BeforeEach
    void setUp() throws Exception {
        node = new LiveNode();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ingest != null) {
            ingest.close();
        }
        node.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmp", "srt"})
    void anFfmpegPushGoesLiveAndPlaysAsHls(String protocol) throws Exception {
        Apt.require(FFMPEG, "ffmpeg");
        Path clip = Path.of("target", "push-clip.mp4");
        Files.createDirectories(clip.getParent());
        // 6 s of a moving test picture (GOP 1 s, no B-frames) with a 440 Hz tone, as OBS would send it.
        run(List.of(FFMPEG.toString(), "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "6", "-c:v", "libx264",
                "-g", "30", "-bf", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip.toString()), 60);
        JsonNode source = probe(clip.toString());

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        boolean srt = protocol.equals("srt");
        ingest = new EmbeddedIngest(srt, "127.0.0.1", port, node.gateway.uri(), "copy", Map.of());
        // linger: an SRT caller in live mode drops its unsent tail on close otherwise (libsrt's default there is 0).
        String url = srt ? "srt://127.0.0.1:" + port + "?mode=caller&linger=2" : "rtmp://127.0.0.1:" + port
                + "/live/key";
        List<String> push = List.of(FFMPEG.toString(), "-v", "error", "-re", "-i", clip.toString(), "-c", "copy",
                "-f", srt ? "mpegts" : "flv", url);
        String stream = null;
        Process publisher = null;
        long started = 0;
        for (int attempt = 0; attempt < 20 && stream == null; attempt++) {
            publisher = new ProcessBuilder(push).redirectErrorStream(true).start();
            started = System.currentTimeMillis();
            while (publisher.isAlive() && stream == null) {
                stream = ingest.stream();
                Thread.sleep(20);
            }
            if (stream == null) {
                Thread.sleep(200); // FFmpeg's listener was not up yet (connection refused): try again
            }
        }
        assertNotNull(stream, "the push went live");
        System.out.println(protocol + " push live " + (System.currentTimeMillis() - started) + " ms after ffmpeg "
                + "started, as stream " + stream);
        String id = stream;
        // The output as an app reads it, from its first segment (the channel keeps only the newest few).
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> readAll(node.channels.open(Gateway.outputChannel(id)), output));
        // And as a player reads the continuous MPEG-TS over HTTP: ffmpeg copies it until the stream ends.
        Path http = Path.of("target", protocol + "-output-http.ts");
        Process player = new ProcessBuilder(FFMPEG.toString(), "-v", "error", "-y", "-i", node.gateway.uri()
                + "/v1/streams/" + id + "/output.ts", "-c", "copy", "-f", "mpegts", http.toString())
                .redirectErrorStream(true).start();
        assertTrue(publisher.waitFor(30, TimeUnit.SECONDS), "the push ends with the clip");
        assertEquals(0, publisher.exitValue(), new String(publisher.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
        Await.until("the stream ends after the push", 30_000, () -> ingest.stream() == null
                && !node.gateway.streams().contains(id));

        String playlist = node.gateway.uri() + HlsEgress.PREFIX + id + "/index.m3u8";
        Await.until("the playlist ends", 10_000, () -> text(playlist).contains("#EXT-X-ENDLIST"));
        reader.join(10_000);
        Path out = Path.of("target", protocol + "-output.ts");
        Files.write(out, output.toByteArray());
        JsonNode processed = probe(out.toString());
        JsonNode hls = probe(playlist);
        assertTrue(player.waitFor(15, TimeUnit.SECONDS), "the MPEG-TS over HTTP ends with the stream");
        String playerOut = new String(player.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, player.exitValue(), "ffmpeg reading output.ts: " + playerOut);
        JsonNode overHttp = probe(http.toString());
        System.out.println("MPEG-TS over HTTP " + overHttp);
        // It starts at the live edge: the first segment when the reader came before it, as here, or the one after.
        assertTrue(count(overHttp, "video") >= count(hls, "video") - 30, "the frames over HTTP: " + overHttp);
        assertTrue(count(overHttp, "audio") >= count(hls, "audio") - 50, "the audio over HTTP: " + overHttp);
        System.out.println("source " + source + "\noutput " + processed + "\nHLS " + hls + "\n" + text(playlist));
        assertEquals(count(processed, "video"), count(hls, "video"), "every processed frame plays from HLS");
        assertEquals(count(processed, "audio"), count(hls, "audio"), "every audio packet plays from HLS");
        assertEquals(count(source, "video"), count(hls, "video"), "every frame of the clip, the last segment's too: "
                + hls + " vs " + source);
        assertTrue(count(hls, "audio") >= count(source, "audio") * 98 / 100,
                "the audio is carried through: " + hls + " vs " + source);
    }

    private static JsonNode probe(String input) throws Exception {
        Apt.require(FFPROBE, "ffmpeg");
        Process p = new ProcessBuilder(FFPROBE.toString(), "-v", "error", "-count_packets", "-show_entries",
                "stream=codec_type,codec_name,nb_read_packets", "-of", "json", input).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "ffprobe " + input + ": " + new String(p.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8));
        return JSON.readTree(out).path("streams");
    }

    /** Reads a channel's segments from the first until it closes. */
    private static void readAll(SegmentChannel channel, ByteArrayOutputStream into) {
        try {
            for (long next = 0; ; ) {
                SegmentChannel.Segment s = channel.await(next, 30, TimeUnit.SECONDS);
                if (s == null) {
                    return;
                }
                next = s.sequence() + 1;
                into.write(s.bytes().readAllBytes());
            }
        } catch (Exception e) {
            // a segment cut when the stream stopped: what came before it is the output
        }
    }

    private static String text(String url) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException("GET " + url, e);
        }
    }

    private static long count(JsonNode streams, String type) {
        long n = 0;
        for (JsonNode s : streams) {
            if (s.path("codec_type").asText().equals(type)) {
                n += s.path("nb_read_packets").asLong();
            }
        }
        return n;
    }

    private static void run(List<String> command, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "finished: " + command);
        assertEquals(0, p.exitValue(), command + ": " + out);
    }
}
