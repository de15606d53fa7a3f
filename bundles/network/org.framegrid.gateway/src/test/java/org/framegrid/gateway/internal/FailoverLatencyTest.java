package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.media.embedded.EmbeddedMedia;
import org.framegrid.orchestrator.embedded.EmbeddedOrchestrator;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Await;
import org.framegrid.testing.Delay;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.trickle.client.TrickleClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After a failover the per-frame latency returns to its level before it. The serving orchestrator dies 0.8 s into a
 * 1 s input segment; the next one starts at the start of the segment being written (the live edge, a key frame), so
 * it begins a second or so behind. Its pipeline takes every frame (queues that block) through a stage that uses 90 %
 * of the frame interval: a backlog would drain at 0.1 s a second, i.e. stay for the whole window measured. The
 * decoder's live edge ({@code decode.live-edge}) skips it instead. Without the live edge this test fails (checked
 * once: p50 706 ms after against 54 ms before). Latency is per frame, glass to glass: the camera draws each frame's
 * capture time into its pixels ({@code frame-code}), the app reads it back after the network ({@code read-frame-code}).
 */
@Timeout(120)
class FailoverLatencyTest {
    private static final int FPS = 25;
    private static final long INTERVAL_MILLIS = 1_000 / FPS;
    /** The stage's time per frame: 90 % of the interval (a backlog drains at a tenth of real time). */
    private static final long STAGE_MILLIS = INTERVAL_MILLIS * 9 / 10;

    private final List<long[]> arrivals = new CopyOnWriteArrayList<>(); // {arrival µs, latency µs}

    @Test
    void afterAFailoverTheLatencyReturnsToItsLevelBeforeIt() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try (MemorySegmentChannels channels = new MemorySegmentChannels(5);
             EmbeddedEngine engine = new EmbeddedEngine(1000, false)) {
            EmbeddedMedia media = new EmbeddedMedia(channels);
            engine.addProvider(media.decode(), 0, 1, "media");
            engine.addProvider(media.encode(), 0, 2, "media");
            engine.addProvider(Providers.stage("test-source"), 0, 3, "util");
            engine.addProvider(Providers.stage("collect"), 0, 4, "util");
            engine.addProvider(Providers.stage("frame-code"), 0, 5, "generator");
            engine.addProvider(Providers.stage("read-frame-code"), 0, 6, "generator");
            engine.addProvider(new Delay("slow", STAGE_MILLIS), 0, 7, "test");
            engine.register(new PipelineDefinition("live-slow", "test", "1", List.of(
                    new NodeDefinition("dec", MediaStages.DECODE, Map.of("input", "", "format", "I420")),
                    new NodeDefinition("slow", "slow", Map.of()),
                    new NodeDefinition("enc", MediaStages.ENCODE, Map.of("output", "", "fps", FPS,
                            "segment-seconds", 1.0))),
                    List.of(new EdgeDefinition("dec", "slow", null), new EdgeDefinition("slow", "enc", null)),
                    QueuePolicy.BLOCK, null));
            TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
            TestPayments pay = new TestPayments(1);
            try {
                EmbeddedOrchestrator a = orchestrator("0xa", engine, channels, pay, servers, open);
                EmbeddedOrchestrator b = orchestrator("0xb", engine, channels, pay, servers, open);
                Gateway g = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, List.of(a.uri(), b.uri()),
                        Map.of("0xa", BigInteger.TEN, "0xb", BigInteger.ONE), BigInteger.valueOf(5_000), 2_000, 1_500),
                        channels, Providers.service(OrchestratorSelector.class), pay, servers);
                g.allowPlainHttp(true); // plain HTTP between nodes here: this test is about failover, not TLS
                open.add(g);
                awaitWarm(a);
                awaitWarm(b);
                run(engine, channels, g, a, b);
            } finally {
                for (int i = open.size() - 1; i >= 0; i--) {
                    open.get(i).close();
                }
                ((AutoCloseable) servers).close();
            }
        }
    }

    private void run(EmbeddedEngine engine, MemorySegmentChannels channels, Gateway g, EmbeddedOrchestrator a,
                     EmbeddedOrchestrator b) throws Exception {
        // The camera: each frame's capture time drawn into it, encoded live into 1 s segments.
        engine.start(new PipelineDefinition("camera", "test", "1", List.of(
                new NodeDefinition("src", "test-source", Map.of("width", 320, "height", 240, "fps", (double) FPS)),
                new NodeDefinition("code", "frame-code", Map.of()),
                new NodeDefinition("enc", MediaStages.ENCODE, Map.of("output", "channel:camera", "fps", FPS,
                        "segment-seconds", 1.0))),
                List.of(new EdgeDefinition("src", "code", null), new EdgeDefinition("code", "enc", null)),
                QueuePolicy.LATEST, null), "camera", Map.of());
        SegmentChannel camera = channels.open("camera");
        // The app's player: the output as it arrives, decoded, each frame's code read back.
        SegmentChannel received = channels.open("received");
        engine.start(new PipelineDefinition("player", "test", "1", List.of(
                new NodeDefinition("dec", MediaStages.DECODE, Map.of("input", "channel:received", "format", "I420")),
                new NodeDefinition("read", "read-frame-code", Map.of()),
                new NodeDefinition("sink", "collect", Map.of())),
                List.of(new EdgeDefinition("dec", "read", null), new EdgeDefinition("read", "sink", null)),
                QueuePolicy.LATEST, null), "player", Map.of())
                .tap("sink", (stream, node, frame) -> {
                    FrameCode code = frame.meta(FrameMeta.FRAME_CODE);
                    if (code != null) {
                        long now = nowMicros();
                        arrivals.add(new long[] {now, now - code.captureMicros()});
                    }
                });
        try (GatewayClient client = new GatewayClient(g.uri())) {
            StreamInfo s = client.start("live-slow", Map.of("dec." + MediaStages.DECODE_LIVE_EDGE, true));
            Thread player = Thread.ofVirtual().start(() -> play(client, s, received));
            long killedMicros = 0;
            long end = Long.MAX_VALUE;
            for (long seq = 0; nowMicros() < end; seq++) {
                SegmentChannel.Segment seg = camera.await(seq, 5, TimeUnit.SECONDS);
                assertTrue(seg != null, "camera segment " + seq);
                Thread publisher = Thread.ofVirtual().start(() -> publish(client, s, seg));
                if (seq == 6) {
                    Thread.sleep(800); // 0.8 s into the segment: the next session starts that far behind
                    String serving = String.valueOf(client.status(s.id()).get("orchestrator"));
                    killedMicros = nowMicros();
                    (serving.equals("0xa") ? a : b).close(); // the serving orchestrator dies
                }
                publisher.join();
                end = killedMicros == 0 ? Long.MAX_VALUE : killedMicros + 9_000_000;
            }
            player.interrupt();
            Map<?, ?> status = client.status(s.id());
            System.out.println("after the failover: " + status);
            assertEquals(1, ((Number) status.get("swaps")).intValue(), status.toString());
            check(killedMicros);
            client.stop(s.id());
        }
    }

    private void check(long killedMicros) {
        long swap = 0;
        long gap = 0;
        long previous = 0;
        for (long[] f : arrivals) { // the swap: the frame after the longest pause in the output after the kill
            if (f[0] > killedMicros && f[0] < killedMicros + 5_000_000 && previous > 0 && f[0] - previous > gap) {
                gap = f[0] - previous;
                swap = f[0];
            }
            previous = f[0];
        }
        assertTrue(swap > 0, "no gap in the output after the kill");
        long before = p50(killedMicros - 3_000_000, killedMicros);
        long after = p50(swap + 2_000_000, swap + 5_000_000);
        // 10 % plus 5 frame intervals of noise on a loaded machine: a backlog left by the swap is 0.8 s or more.
        long allowed = before + before / 10 + 5 * INTERVAL_MILLIS * 1_000;
        System.out.printf("latency p50 before the failover %.1f ms, from 2 s after it %.1f ms (allowed %.1f ms);"
                + " longest pause in the output %.0f ms%n", before / 1e3, after / 1e3, allowed / 1e3, gap / 1e3);
        assertTrue(after <= allowed, "latency did not return to its level: p50 " + after / 1_000 + " ms after, "
                + before / 1_000 + " ms before");
    }

    private long p50(long from, long to) {
        long[] in = arrivals.stream().filter(f -> f[0] >= from && f[0] < to).mapToLong(f -> f[1]).sorted().toArray();
        assertTrue(in.length >= FPS, "frames in the window: " + in.length);
        return in[in.length / 2];
    }

    private static void publish(GatewayClient client, StreamInfo s, SegmentChannel.Segment seg) {
        try {
            client.publish(s, seg.sequence(), seg.bytes());
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** Copies the stream's output into {@code received} as its bytes arrive (a segment cut by the failover ends). */
    private static void play(GatewayClient client, StreamInfo s, SegmentChannel received) {
        byte[] buf = new byte[16 * 1024];
        try {
            for (long next = 0; ; ) {
                TrickleClient.Segment seg = client.read(s, next);
                next = seg.sequence() + 1;
                try (InputStream in = seg.bytes(); SegmentWriter w = received.publish()) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        w.write(buf, 0, n);
                    }
                } catch (java.io.IOException cut) {
                    // the failover cut it: the next segment follows
                }
            }
        } catch (Exception stopped) {
            // the test ended
        }
    }

    /** Waits until the orchestrator says it warmed the pipeline up (its readiness), as a deployment would. */
    static void awaitWarm(EmbeddedOrchestrator o) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        Await.until("warm orchestrator " + o.uri(), 90_000, () -> {
            try {
                String info = http.send(java.net.http.HttpRequest.newBuilder(o.uri().resolve("/v1/info")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                return info.contains("\"warm\":true");
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private static EmbeddedOrchestrator orchestrator(String address, EmbeddedEngine engine,
                                                     MemorySegmentChannels channels, TestPayments pay,
                                                     TrickleServerFactory servers, List<AutoCloseable> open)
            throws Exception {
        EmbeddedOrchestrator o = new EmbeddedOrchestrator(new OrchestratorSettings(address, "127.0.0.1", 0, false,
                List.of("live-slow"), 2, BigInteger.valueOf(1_000), 10, 1000), engine, channels, pay, servers);
        open.add(o);
        return o;
    }

    private static long nowMicros() {
        Instant now = Clock.systemUTC().instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
