package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.GatewayException;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.media.embedded.EmbeddedMedia;
import org.framegrid.node.api.MetricSampleList;
import org.framegrid.orchestrator.embedded.EmbeddedOrchestrator;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.client.TrickleClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Gateway → orchestrator → gateway on 127.0.0.1: generated video (test-source → encode, 1 s MPEG-TS segments)
 * through a real decode → passthrough → encode pipeline; failover when the serving orchestrator stops; 503 and 402.
 */
@Timeout(120)
class NetworkTest {
    static final BigInteger PRICE = BigInteger.valueOf(1_000);
    private MemorySegmentChannels channels;
    private EmbeddedEngine engine;
    private TrickleServerFactory servers;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        channels = new MemorySegmentChannels(5);
        engine = passthroughEngine(channels);
        servers = Providers.service(TrickleServerFactory.class);
    }

    /**
     * @return an engine with decode, encode, passthrough and test-source over {@code channels}, and the
     *     {@link #livePassthrough()} pipeline registered: what an orchestrator in these tests runs
     */
    static EmbeddedEngine passthroughEngine(MemorySegmentChannels channels) throws Exception {
        EmbeddedEngine engine = new EmbeddedEngine(1000, false);
        EmbeddedMedia media = new EmbeddedMedia(channels);
        engine.addProvider(media.decode(), 0, 1, "media");
        engine.addProvider(media.encode(), 0, 2, "media");
        engine.addProvider(Providers.stage("passthrough"), 0, 3, "util");
        engine.addProvider(Providers.stage("test-source"), 0, 4, "util");
        engine.register(livePassthrough());
        return engine;
    }

    static PipelineDefinition livePassthrough() {
        return new PipelineDefinition("live-passthrough", "test", "1", List.of(
                new NodeDefinition("dec", "decode", Map.of("input", "", "format", "I420")),
                new NodeDefinition("pass", "passthrough", Map.of()),
                new NodeDefinition("enc", "encode", Map.of("output", "", "fps", 25, "segment-seconds", 1.0))),
                List.of(new EdgeDefinition("dec", "pass", null), new EdgeDefinition("pass", "enc", null)),
                QueuePolicy.BLOCK, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        ((AutoCloseable) servers).close(); // it owns the event loops, as DS deactivation closes them in a node
        engine.close();
    }

    EmbeddedOrchestrator orchestrator(String address, int capacity, TestPayments payments) throws Exception {
        EmbeddedOrchestrator o = new EmbeddedOrchestrator(new OrchestratorSettings(address, "127.0.0.1", 0, false,
                List.of("live-passthrough"), capacity, PRICE, 10, 1000), engine, channels, payments, servers);
        open.add(o);
        return o;
    }

    Gateway gateway(List<URI> orchestrators, Map<String, BigInteger> stakes, TestPayments payments) throws Exception {
        Gateway g = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, orchestrators, stakes,
                BigInteger.valueOf(5_000), 2_000, 1_500), channels,
                Providers.service(OrchestratorSelector.class), payments, servers);
        open.add(g);
        g.allowPlainHttp(true); // plain HTTP between nodes here: these tests are about failover, not TLS
        return g;
    }

    /** A live camera: test-source at 25 fps encoded into 1 s segments on a local channel. */
    SegmentChannel camera() throws Exception {
        return camera(engine, channels, 320, 240);
    }

    /** @return the channel {@code camera}, into which {@code engine} now encodes a live test source */
    static SegmentChannel camera(EmbeddedEngine engine, MemorySegmentChannels channels, int width, int height)
            throws Exception {
        engine.start(new PipelineDefinition("camera", "test", "1", List.of(
                new NodeDefinition("src", "test-source", Map.of("width", width, "height", height, "fps", 25.0)),
                new NodeDefinition("enc", "encode", Map.of("output", "channel:camera", "fps", 25,
                        "segment-seconds", 1.0))), List.of(new EdgeDefinition("src", "enc", null)),
                QueuePolicy.LATEST, null), "camera", Map.of());
        return channels.open("camera");
    }

    @Test
    void streamFailsOverWhenTheServingOrchestratorStops() throws Exception {
        TestPayments pay = new TestPayments(1);
        EmbeddedOrchestrator a = orchestrator("0xa", 2, pay);
        EmbeddedOrchestrator b = orchestrator("0xb", 2, pay);
        Gateway g = gateway(List.of(a.uri(), b.uri()), Map.of("0xa", BigInteger.TEN, "0xb", BigInteger.ONE), pay);
        SegmentChannel camera = camera();
        try (GatewayClient client = new GatewayClient(g.uri())) {
            StreamInfo s = client.start("live-passthrough", Map.of());
            AtomicLong outSegments = new AtomicLong();
            AtomicLong outBytes = new AtomicLong();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                long next = 0;
                try {
                    while (outSegments.get() < 9) {
                        TrickleClient.Segment seg = client.read(s, next);
                        next = seg.sequence() + 1;
                        try {
                            outBytes.addAndGet(seg.bytes().readAllBytes().length);
                        } catch (java.io.IOException truncated) {
                            // a segment cut by the failover: counted as a drop
                        }
                        outSegments.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            // Publish the camera's segments while they are being encoded, for 10 s of video.
            EmbeddedOrchestrator serving = null;
            long inBytes = 0;
            for (long seq = 0; seq < 10; seq++) {
                SegmentChannel.Segment seg = camera.await(seq, 5, TimeUnit.SECONDS);
                byte[] bytes = seg.bytes().readAllBytes();
                inBytes += bytes.length;
                client.publish(s, seq, new java.io.ByteArrayInputStream(bytes));
                if (seq == 3) {
                    String first = String.valueOf(client.status(s.id()).get("orchestrator"));
                    serving = first.equals("0xa") ? a : b;
                    serving.close(); // the serving orchestrator dies mid-stream
                }
            }
            reader.get(30, TimeUnit.SECONDS);
            Map<?, ?> status = client.status(s.id());
            System.out.println("after failover: " + status);
            assertEquals(1, ((Number) status.get("swaps")).intValue(), status.toString());
            long gap = ((Number) status.get("lastGapMillis")).longValue();
            System.out.println("failover gap: " + gap + " ms");
            assertTrue(gap > 0, "a gap was measured");
            assertNotEquals(serving == a ? "0xa" : "0xb", status.get("orchestrator"));
            assertTrue(outSegments.get() >= 9 && outBytes.get() > 0);
            assertTrue(((Number) status.get("payments")).longValue() >= 1, "periodic payments were sent");
            // The operator's metrics say the same.
            MetricSampleList metrics = new MetricSampleList();
            GatewayMetrics.write("0xgateway", g.reports(), metrics);
            Map<String, String> stream = Map.of("stream", s.id());
            assertEquals(1.0, metrics.value("framegrid_gateway_swaps", stream).orElseThrow(), metrics.samples()
                    .toString());
            assertEquals(gap / 1000.0, metrics.value("framegrid_gateway_swap_gap_seconds", stream).orElseThrow(), 1e-9);
            assertTrue(metrics.value("framegrid_gateway_segments_out", stream).orElseThrow()
                    >= ((Number) status.get("segmentsOut")).longValue(), metrics.samples().toString());
            Map<String, String> servedBy = Map.of("stream", s.id(), "orchestrator",
                    String.valueOf(status.get("orchestrator")));
            assertEquals(1.0, metrics.value("framegrid_gateway_stream_orchestrator", servedBy).orElseThrow());
            // First-frame delay, per-frame latency (the real encoder's output paired with its input) and bytes.
            StreamMeterTest.Written timed = new StreamMeterTest.Written();
            g.meters().write("0xgateway", timed);
            double[] first = timed.histograms.get("framegrid_gateway_first_frame_delay_seconds");
            double[] latency = timed.histograms.get("framegrid_gateway_latency_seconds");
            System.out.printf("first frame %.3f s; %d frames timed, mean latency %.3f s%n", first[1], (long) latency[0],
                    latency[1] / latency[0]);
            assertEquals(1, first[0]);
            assertTrue(first[1] > 0 && first[1] < 30, "first-frame delay " + first[1]);
            assertTrue(latency[0] >= 100, "most of 10 s of 25 fps output was timed: " + latency[0]);
            assertTrue(latency[1] / latency[0] > 0 && latency[1] / latency[0] < 10, "mean latency " + latency[1]
                    / latency[0]);
            double sentIn = timed.counters.get("framegrid_gateway_bytesin");
            assertTrue(sentIn >= inBytes / 2.0 && sentIn <= 2.0 * inBytes, "input bytes " + timed.counters + " of "
                    + inBytes + " published (the failover skips to the live edge, or resends a cut segment)");
            assertTrue(timed.counters.get("framegrid_gateway_bytesout") >= outBytes.get(), timed.counters.toString());
            client.stop(s.id());
        }
    }

    @Test
    void overCapacityIs503AndUnpaidIs402() throws Exception {
        EmbeddedOrchestrator a = orchestrator("0xa", 1, new TestPayments(1));
        try (GatewayClient paid = new GatewayClient(gateway(List.of(a.uri()), Map.of(), new TestPayments(1)).uri());
             GatewayClient unpaid = new GatewayClient(gateway(List.of(a.uri()), Map.of(), new TestPayments(0)).uri())) {
            GatewayException noMoney = assertThrows(GatewayException.class, () -> unpaid.start("live-passthrough", Map.of()));
            assertEquals(402, noMoney.status(), noMoney.getMessage());
            assertTrue(noMoney.getMessage().contains("payment required"), noMoney.getMessage());
            StreamInfo first = paid.start("live-passthrough", Map.of());
            GatewayException full = assertThrows(GatewayException.class, () -> paid.start("live-passthrough", Map.of()));
            // The gateway sees the full orchestrator in its info and does not even try it.
            assertEquals(503, full.status(), full.getMessage());
            assertTrue(full.getMessage().contains("0 usable of 1 reachable"), full.getMessage());
            // Asked directly, the orchestrator refuses with 503 and says why.
            try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
                var r = http.send(java.net.http.HttpRequest.newBuilder(a.uri().resolve("/v1/sessions"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"pipeline\":\"live-passthrough\",\"sender\":\"0xg\",\"payment\":{\"data\":\"MTAwMDAw\"}}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(r.body().contains("over capacity: 1 of 1 sessions running"), r.body());
            }
            paid.stop(first.id());
        }
    }

    @Test
    void malformedBodiesAre400WithOneLineAndTheLogStaysShort() throws Exception {
        TestPayments pay = new TestPayments(1);
        EmbeddedOrchestrator a = orchestrator("0xa", 2, pay);
        Gateway g = gateway(List.of(a.uri()), Map.of(), pay);
        List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        try (GatewayClient client = new GatewayClient(g.uri());
             java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            StreamInfo s = client.start("live-passthrough", Map.of());
            String session = String.valueOf(client.status(s.id()).get("session"));
            FailoverLatencyTest.awaitWarm(a); // its warm-up's lines are not the refusals counted below
            Map<URI, List<String>> bad = Map.of(
                    a.uri().resolve("/v1/sessions"), List.of("null", "{", "{\"pipeline\":\"live-passthrough\","
                            + "\"sender\":\"0xg\",\"payment\":{\"scheme\":\"test-iou\",\"data\":\"%%not base64\"}}"),
                    a.uri().resolve("/v1/sessions/" + session + "/payment"), List.of("null", "{",
                            "{\"scheme\":\"test-iou\",\"data\":\"%%not base64\"}", "{\"data\":7}"),
                    g.uri().resolve("/v1/streams"), List.of("null", "{", "[]"));
            java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            root.addHandler(capture);
            try {
                for (int round = 0; round < 30; round++) {
                    for (Map.Entry<URI, List<String>> e : bad.entrySet()) {
                        for (String body : e.getValue()) {
                            var r = http.send(java.net.http.HttpRequest.newBuilder(e.getKey())
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString());
                            assertEquals(400, r.statusCode(), e.getKey() + " " + body + ": " + r.body());
                            assertTrue(r.body().startsWith("{\"error\":") && !r.body().contains("\n")
                                    && !r.body().contains("Exception"), r.body());
                            if (round == 0) {
                                System.out.println(e.getKey().getPath() + " " + body + " -> " + r.body());
                            }
                        }
                    }
                }
            } finally {
                root.removeHandler(capture);
            }
            System.out.println(logged.size() + " log lines for 300 malformed requests");
            assertTrue(logged.stream().allMatch(r -> r.getThrown() == null), "no stack trace in the log");
            assertTrue(logged.stream().anyMatch(r -> r.getMessage().contains("400 POST /v1/sessions")),
                    "the refusals are logged");
            // Two servers, each at most 10 lines a minute: the refusals are not logged one by one.
            assertTrue(logged.size() <= 20, logged.size() + " lines");
            client.stop(s.id());
        }
    }

    @Test
    void anIdleStreamPaysNothingMoreEndsAtItsIdleLimitAndReleasesWhatWasAtRisk() throws Exception {
        TestPayments pay = new TestPayments(1);
        EmbeddedOrchestrator a = orchestrator("0xa", 1, pay);
        // Payments every 200 ms: before the fix, 2 s of idle stream paid about 10 times.
        Gateway g = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, List.of(a.uri()), Map.of(),
                BigInteger.valueOf(5_000), 200, 1_500, 2_000), channels, Providers.service(OrchestratorSelector.class),
                pay, servers);
        open.add(g);
        g.allowPlainHttp(true);
        try (GatewayClient client = new GatewayClient(g.uri())) {
            StreamInfo s = client.start("live-passthrough", Map.of());
            GatewayStream stream = g.stream(s.id());
            assertTrue(pay.valueAtRisk("0xa").signum() > 0, "the initial payment is at risk while the session runs");
            org.framegrid.testing.Await.until("the idle stream to end", 10_000, () -> g.stream(s.id()) == null);
            StreamReport report = stream.status();
            System.out.println("idle stream: " + report);
            assertEquals(0, report.payments(), "no periodic payment for a stream without input");
            assertTrue(report.failures().getLast()
                            .matches("no input for \\d+ ms \\(the limit is 2000 ms\\): stream ended"),
                    report.failures().toString());
            // What the ended session did not deliver is released as the stream stops (just after it is forgotten).
            org.framegrid.testing.Await.until("the value at risk to be released", 5_000,
                    () -> pay.valueAtRisk("0xa").signum() == 0, () -> pay.valueAtRisk("0xa") + " wei at risk");
            // Asked after, it says why it ended (it used to answer 404 "does not exist", the reason only in the log).
            GatewayException gone = assertThrows(GatewayException.class, () -> client.status(s.id()));
            assertEquals(410, gone.status(), gone.getMessage());
            assertTrue(gone.getMessage().matches(".*stream " + s.id() + " ended: no input for \\d+ ms \\(the limit is "
                    + "2000 ms\\).*"), gone.getMessage());
            // Its slot on the orchestrator (capacity 1) comes back: a new stream starts there.
            org.framegrid.testing.Await.until("the orchestrator's slot to come back", 5_000, () -> {
                try {
                    client.stop(client.start("live-passthrough", Map.of()).id());
                    return true;
                } catch (Exception busy) {
                    return false;
                }
            });
        }
    }

    @Test
    void aStreamWhoseInputWaitsForAnOrchestratorIsNotIdle() throws Exception {
        TestPayments pay = new TestPayments(1);
        EmbeddedOrchestrator a = orchestrator("0xa", 1, pay);
        Gateway g = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, List.of(a.uri()), Map.of(),
                BigInteger.valueOf(5_000), 1_000, 1_500, 2_000), channels,
                Providers.service(OrchestratorSelector.class), pay, servers);
        open.add(g);
        g.allowPlainHttp(true);
        SegmentChannel camera = camera();
        camera.await(0, 5, TimeUnit.SECONDS); // the app sends from the start: the stream is never idle
        try (GatewayClient client = new GatewayClient(g.uri())) {
            StreamInfo s = client.start("live-passthrough", Map.of());
            // The only orchestrator dies after 2 segments; the app goes on sending for three times the idle limit.
            for (long seq = 0; seq < 8; seq++) {
                client.publish(s, seq, camera.await(seq, 5, TimeUnit.SECONDS).bytes());
                if (seq == 1) {
                    a.close();
                }
            }
            List<?> failures = (List<?>) client.status(s.id()).get("failures");
            System.out.println("no orchestrator, input waiting: " + failures);
            assertTrue(failures.stream().noneMatch(f -> String.valueOf(f).startsWith("no input")), failures.toString());
            assertTrue(failures.stream().anyMatch(f -> String.valueOf(f).startsWith("no orchestrator took the stream")),
                    failures.toString());
            client.stop(s.id());
        }
    }
}
