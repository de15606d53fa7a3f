package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.orchestrator.embedded.EmbeddedOrchestrator;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Await;
import org.framegrid.testing.LogLines;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A session whose pipeline cannot run (here: its decoder fails on every segment, as when FFmpeg's classes could not
 * load) fails visibly: the orchestrator logs why and ends it, does not charge it, tells the gateway the reason, and
 * the gateway moves the stream to another orchestrator. Neither pays nor credits anything beyond the sessions' initial
 * payments.
 */
@Timeout(90)
class BrokenPipelineTest {

    @Test
    void aSessionWhoseDecoderFailsOnEverySegmentIsEndedWithItsReasonAndFailedOver() throws Exception {
        MemorySegmentChannels channels = new MemorySegmentChannels(5);
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        TestPayments pay = new TestPayments(1);
        try (EmbeddedEngine engine = NetworkTest.passthroughEngine(channels);
             // The orchestrator's classes log below its bundle's name.
             LogLines log = LogLines.of(Logger.getLogger("org.framegrid.orchestrator"))) {
            try (EmbeddedOrchestrator a = new EmbeddedOrchestrator(new OrchestratorSettings("0xa", "127.0.0.1", 0,
                    false, List.of("live-passthrough"), 2, NetworkTest.PRICE, 10, 1000), engine, channels, pay,
                    servers);
                 EmbeddedOrchestrator b = new EmbeddedOrchestrator(new OrchestratorSettings("0xb", "127.0.0.1", 0,
                    false, List.of("live-passthrough"), 2, NetworkTest.PRICE, 10, 1000), engine, channels, pay,
                    servers);
                 Gateway g = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, List.of(a.uri(), b.uri()),
                         Map.of(), BigInteger.valueOf(5_000), 1_000, 1_500), channels,
                         Providers.service(OrchestratorSelector.class), pay, servers);
                 GatewayClient client = new GatewayClient(g.uri())) {
                g.allowPlainHttp(true); // plain HTTP between nodes here: this test is about failing pipelines, not TLS
                StreamInfo s = client.start("live-passthrough", Map.of());
                String first = s.orchestrator();
                Random random = new Random(18);
                // The orchestrator takes no payment for a session that made no output: it would credit frames
                // that did not flow.
                Map<?, ?> serving = client.status(s.id());
                HttpResponse<String> early = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        String.valueOf(serving.get("orchestratorUri"))).resolve("/v1/sessions/" + serving.get("session")
                        + "/payment"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"scheme\":\"test-iou\",\"data\":\"MTAwMA==\"}"))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(409, early.statusCode(), early.body());
                assertTrue(early.body().contains("no output yet"), early.body());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                Map<?, ?> st = client.status(s.id());
                while (((Number) st.get("swaps")).intValue() == 0 && System.nanoTime() < deadline) {
                    byte[] garbage = new byte[64 * 1024];
                    random.nextBytes(garbage);
                    client.publish(s, -1, new ByteArrayInputStream(garbage)); // not video: every decode fails
                    Thread.sleep(500);
                    st = client.status(s.id());
                }
                System.out.println("status: " + st);
                System.out.println("log: " + log.lines());
                assertTrue(((Number) st.get("swaps")).intValue() >= 1, "failed over: " + st);
                // Never pay for frames that did not flow: only the initial payments of the sessions that made none.
                assertEquals(0, ((Number) st.get("payments")).intValue(), "periodic payments: " + st);
                // When the gateway's own stall check is first, the orchestrator's reason comes with its answer to
                // the gateway's DELETE of the session, which is sent in the background: wait for it, bounded.
                Await.until("the gateway knows why", 10_000,
                        () -> failures(client, s).contains("pipeline cannot run"),
                        () -> "failures: " + failures(client, s));
                assertTrue(log.lines().stream().anyMatch(l -> l.contains(first) && l.contains("pipeline cannot run")),
                        "the orchestrator logged it: " + log.lines());
                client.stop(s.id());
            } finally {
                ((AutoCloseable) servers).close();
            }
        }
    }

    private static String failures(GatewayClient client, StreamInfo s) {
        try {
            return String.valueOf(client.status(s.id()).get("failures"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
