package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Await;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.trickle.json.JsonRoutes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream's first session gets the same grace until its first output as a failover's session: an orchestrator that
 * loads its models for 2.5 s (over one 1.5 s stall period, under three) is not declared stalled, suspended and paid
 * again. The orchestrator here is the smallest one the gateway talks to: info, sessions and payments as JSON routes,
 * and a worker that copies input segments to output once its "models" are loaded.
 */
@Timeout(60)
class FirstOutputGraceTest {
    private static final long STALL_MILLIS = 1_500;
    private static final long MODEL_LOAD_MILLIS = 2_500;

    @Test
    void theFirstSessionIsNotStalledWhileItLoads() throws Exception {
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        try (MemorySegmentChannels channels = new MemorySegmentChannels(5)) {
            TrickleServer orchestrator = servers.start("127.0.0.1", 0, null);
            orchestrator.route("/v1/", slowOrchestrator(orchestrator, channels));
            TestPayments pay = new TestPayments(1);
            try (Gateway g = new Gateway(new GatewaySettings("0xg", "127.0.0.1", 0, List.of(orchestrator.baseUri()),
                    Map.of(), BigInteger.valueOf(5_000), 1_000, STALL_MILLIS), channels,
                    Providers.service(OrchestratorSelector.class), pay, servers);
                 GatewayClient client = new GatewayClient(g.uri())) {
                g.allowPlainHttp(true); // plain HTTP between nodes here: this test is about stalls, not TLS
                StreamInfo s = client.start("p", Map.of());
                AtomicLong out = new AtomicLong();
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        for (long next = 0; ; next++) {
                            client.read(s, next).bytes().readAllBytes();
                            out.incrementAndGet();
                        }
                    } catch (Exception ended) {
                        // the stream stopped
                    }
                });
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MODEL_LOAD_MILLIS + 2 * STALL_MILLIS);
                for (long seq = 0; System.nanoTime() < until; seq++) { // input flows all along, 4 segments a second
                    client.publish(s, seq, new ByteArrayInputStream(new byte[1_000]));
                    Thread.sleep(250);
                }
                Await.until("output from the first session", 5_000, () -> out.get() > 0);
                Map<?, ?> status = client.status(s.id());
                System.out.println("first session after loading: " + status);
                assertEquals(0, ((Number) status.get("swaps")).intValue(), status.toString());
                assertTrue(((List<?>) status.get("failures")).isEmpty(), status.toString());
                client.stop(s.id());
                reader.interrupt();
            } finally {
                ((AutoCloseable) servers).close();
            }
        }
    }

    /** Info, one session at a time whose worker starts copying input to output {@value MODEL_LOAD_MILLIS} ms late. */
    private static JsonRoutes slowOrchestrator(TrickleServer server, MemorySegmentChannels channels) {
        return new JsonRoutes()
                .on("GET", "/v1/info", call -> JsonRoutes.reply(200, Map.of("address", "0xslow", "pipelines",
                        List.of(Map.of("name", "p")), "capacity", 1, "inUse", 0, "pricePerSecondWei", 1_000,
                        "initialSeconds", 10, "scheme", "test-iou", "terms",
                        Base64.getEncoder().encodeToString(new byte[] {1}))))
                .on("POST", "/v1/sessions", call -> {
                    String id = "s" + System.nanoTime();
                    Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("id", id, "balanceWei", 10_000));
                    for (String kind : List.of("input", "output", "control", "events")) {
                        server.serve(id + "-" + kind, TrickleServer.MEDIA, channels.open(id + "-" + kind),
                                !kind.equals("output") && !kind.equals("events"));
                        m.put(kind, server.channelUri(id + "-" + kind).toString());
                    }
                    SegmentChannel in = channels.open(id + "-input");
                    SegmentChannel output = channels.open(id + "-output");
                    Thread.ofVirtual().start(() -> copyAfterLoading(in, output));
                    return JsonRoutes.reply(201, m);
                })
                .on("POST", "/v1/sessions/{id}/payment", call -> JsonRoutes.reply(200, Map.of("credited", 1)))
                .on("DELETE", "/v1/sessions/{id}", call -> JsonRoutes.reply(200, Map.of()));
    }

    private static void copyAfterLoading(SegmentChannel in, SegmentChannel out) {
        try {
            Thread.sleep(MODEL_LOAD_MILLIS); // the models load: no output yet, while input flows
            for (long next = 0; ; ) {
                SegmentChannel.Segment s = in.await(next, 10, TimeUnit.SECONDS);
                if (s == null) {
                    return;
                }
                next = s.sequence() + 1;
                try (SegmentWriter w = out.publish()) {
                    w.write(s.bytes().readAllBytes());
                }
            }
        } catch (Exception stopped) {
            // the test ended
        }
    }
}
