package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream's first session gets the same grace until its first output as a failover's session: an orchestrator that
 * loads its models for 2.5 s (over one 1.5 s stall period, under three) is not declared stalled, suspended and paid
 * again. The orchestrator here is the smallest one the gateway talks to ({@link CopyingOrchestrator}), which copies
 * input segments to output once its "models" are loaded.
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
            CopyingOrchestrator.serve(orchestrator, channels, MODEL_LOAD_MILLIS, () -> true);
            TestPayments pay = new TestPayments(1);
            try (Gateway g = new Gateway(new GatewaySettings("0xg", "127.0.0.1", 0, List.of(orchestrator.baseUri()),
                    Map.of(), BigInteger.valueOf(5_000), 1_000, STALL_MILLIS), channels,
                    Providers.service(OrchestratorSelector.class), pay, servers);
                 GatewayClient client = new GatewayClient(g.uri())) {
                g.allowPlainHttp(true); // plain HTTP between nodes here: this test is about stalls, not TLS
                StreamInfo s = client.start("p", Map.of());
                AtomicLong out = new AtomicLong();
                Thread reader = CopyingOrchestrator.countOutput(client, s, out);
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
}
