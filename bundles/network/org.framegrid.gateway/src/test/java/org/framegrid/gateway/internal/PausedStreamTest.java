package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.orchestrator.embedded.EmbeddedOrchestrator;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An app that pauses keeps its session: the orchestrator charges only the seconds in which frames flowed, so a pause
 * longer than the initial payment covers (4 s here) neither ends the session nor makes the gateway open (and pay) a
 * new one when input resumes.
 */
@Timeout(90)
class PausedStreamTest {
    /** Well above the 4 s the initial payment covers, which also absorbs the pipeline's lag behind its input. */
    private static final long PAUSE_MILLIS = 12_000;

    @Test
    void aPauseLongerThanTheInitialPaymentKeepsTheSession() throws Exception {
        MemorySegmentChannels channels = new MemorySegmentChannels(5);
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        TestPayments pay = new TestPayments(1);
        try (EmbeddedEngine engine = NetworkTest.passthroughEngine(channels)) {
            try (EmbeddedOrchestrator o = new EmbeddedOrchestrator(new OrchestratorSettings("0xa", "127.0.0.1", 0,
                    false, List.of("live-passthrough"), 1, NetworkTest.PRICE, 4, 1000), engine, channels, pay, servers);
                 Gateway g = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, List.of(o.uri()), Map.of(),
                         BigInteger.valueOf(5_000), 1_000, 1_500), channels,
                         Providers.service(OrchestratorSelector.class), pay, servers);
                 GatewayClient client = new GatewayClient(g.uri())) {
                g.allowPlainHttp(true); // plain HTTP between nodes here: this test is about pausing, not TLS
                SegmentChannel camera = NetworkTest.camera(engine, channels, 160, 120);
                StreamInfo s = client.start("live-passthrough", Map.of());
                long next = publish(client, s, camera, 0, 3);
                Map<?, ?> before = client.status(s.id());
                Thread.sleep(PAUSE_MILLIS); // the app pauses: no input
                publish(client, s, camera, camera.await(next, 5, TimeUnit.SECONDS).sequence() + 3, 3);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                Map<?, ?> after = client.status(s.id());
                while (((Number) after.get("segmentsOut")).longValue() <= ((Number) before.get("segmentsOut"))
                        .longValue() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    after = client.status(s.id());
                }
                assertEquals(0, ((Number) after.get("swaps")).intValue(), "no new session after the pause: " + after);
                assertEquals(before.get("session"), after.get("session"), after.toString());
                assertEquals(List.of(), after.get("failures"), after.toString());
                assertTrue(((Number) after.get("segmentsOut")).longValue()
                        > ((Number) before.get("segmentsOut")).longValue(), "output resumed: " + after);
                client.stop(s.id());
            } finally {
                ((AutoCloseable) servers).close();
            }
        }
    }

    /** Publishes {@code count} camera segments from {@code from}; @return the next sequence */
    private static long publish(GatewayClient client, StreamInfo s, SegmentChannel camera, long from, int count)
            throws Exception {
        long seq = from;
        for (int i = 0; i < count; i++) {
            SegmentChannel.Segment seg = camera.await(seq, 5, TimeUnit.SECONDS);
            client.publish(s, -1, seg.bytes());
            seq = seg.sequence() + 1;
        }
        return seq;
    }
}
