package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream that every orchestrator has served already (o1, then o2, now o2 fails) goes back to o1 in the failover's
 * first round. Before, that round excluded both, found "0 usable of 2 reachable" with an empty reason, put that in the
 * stream's failures and paused before the next round (the soak's streams, after a kill of each orchestrator). And when
 * none is usable, the failure says why for each one.
 */
@Timeout(60)
class RepeatFailoverTest {
    private static final double FPS = 60;

    @Test
    void aStreamThatEveryOrchestratorServedFailsBackWithoutAnEmptyRound() throws Exception {
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        Map<String, AtomicBoolean> working = Map.of("0xa", new AtomicBoolean(true), "0xb", new AtomicBoolean(true));
        try (MemorySegmentChannels channels = new MemorySegmentChannels(5)) {
            TrickleServer a = servers.start("127.0.0.1", 0, null);
            TrickleServer b = servers.start("127.0.0.1", 0, null);
            CopyingOrchestrator.serve(a, channels, "0xa", 0, working.get("0xa")::get, new AtomicLong(),
                    new java.util.ArrayList<>());
            CopyingOrchestrator.serve(b, channels, "0xb", 0, working.get("0xb")::get, new AtomicLong(),
                    new java.util.ArrayList<>());
            try (Gateway g = new Gateway(new GatewaySettings("0xg", "127.0.0.1", 0, List.of(a.baseUri(), b.baseUri()),
                    Map.of(), BigInteger.valueOf(5_000), 1_000, 1_500, GatewaySettings.DEFAULT_IDLE_MILLIS, 30),
                    channels, Providers.service(OrchestratorSelector.class), new TestPayments(1), servers);
                 GatewayClient client = new GatewayClient(g.uri())) {
                g.allowPlainHttp(true); // plain HTTP between nodes here: this test is about failover, not TLS
                StreamInfo stream = client.start("p", Map.of());
                AtomicLong out = new AtomicLong();
                Thread reader = CopyingOrchestrator.countOutput(client, stream, out);
                String first = stream.orchestrator();
                String second = first.equals("0xa") ? "0xb" : "0xa";
                List<String> served = new java.util.ArrayList<>(List.of(first));
                long mark = 0;
                for (long seq = 0; seq < 400 && served.size() < 3; seq++) { // 6 frames (100 ms) a segment, live
                    client.publish(stream, seq, new ByteArrayInputStream(FrameStallTest.ts(seq * 6, 6, FPS)));
                    String now = String.valueOf(client.status(stream.id()).get("orchestrator"));
                    if (!now.equals(served.getLast())) {
                        served.add(now);
                        mark = out.get();
                        working.get(first).set(true); // the first one works again
                    }
                    if (out.get() >= mark + 10) {
                        working.get(served.getLast()).set(false); // output flowed for a second: now it stalls
                    }
                    Thread.sleep(100);
                }
                List<?> failures = (List<?>) client.status(stream.id()).get("failures");
                System.out.println("served by " + served + "; failures " + failures);
                assertEquals(List.of(first, second, first), served, "back to the first one");
                assertTrue(failures.stream().noneMatch(f -> String.valueOf(f).startsWith("no orchestrator took")),
                        failures.toString());
                client.stop(stream.id());
                reader.interrupt();

                // None usable: the failure says why for each.
                Exception none = assertThrows(Exception.class, () -> client.start("q", Map.of()));
                System.out.println("none usable: " + none.getMessage());
                assertTrue(none.getMessage().contains("0xa: does not offer pipeline q now")
                        && none.getMessage().contains("0xb: does not offer pipeline q now"), none.getMessage());
            } finally {
                ((AutoCloseable) servers).close();
            }
        }
    }
}
