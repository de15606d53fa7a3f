package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * A failover does not wait for a round of info requests: while the stream runs, the gateway keeps every
 * orchestrator's info (terms included) fresh in the background, unpaid, and the failover's first round opens the
 * session on the next orchestrator with it. Here each is asked for its info every 2 s; right after one such refresh the
 * serving one dies, and the other's session starts without it having been asked again.
 */
@Timeout(60)
class PreparedFailoverTest {

    @Test
    void theFailoverOpensTheNextSessionWithInfoPreparedBeforeIt() throws Exception {
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        AtomicLong infosA = new AtomicLong();
        AtomicLong infosB = new AtomicLong();
        List<Long> sessionsA = new CopyOnWriteArrayList<>();
        List<Long> sessionsB = new CopyOnWriteArrayList<>();
        try (MemorySegmentChannels channels = new MemorySegmentChannels(5)) {
            TrickleServer a = servers.start("127.0.0.1", 0, null);
            TrickleServer b = servers.start("127.0.0.1", 0, null);
            CopyingOrchestrator.serve(a, channels, "0xa", 0, () -> true, infosA, sessionsA);
            CopyingOrchestrator.serve(b, channels, "0xb", 0, () -> true, infosB, sessionsB);
            try (Gateway g = new Gateway(new GatewaySettings("0xg", "127.0.0.1", 0, List.of(a.baseUri(), b.baseUri()),
                    Map.of("0xa", BigInteger.TEN, "0xb", BigInteger.ONE), BigInteger.valueOf(5_000), 1_000, 1_500),
                    channels, Providers.service(OrchestratorSelector.class), new TestPayments(1), servers);
                 GatewayClient client = new GatewayClient(g.uri())) {
                g.allowPlainHttp(true); // plain HTTP between nodes here: this test is about failover, not TLS
                StreamInfo s = client.start("p", Map.of());
                // The selector picks by stake at random: the serving one dies, the other is the next.
                boolean onA = s.orchestrator().equals("0xa");
                TrickleServer serving = onA ? a : b;
                AtomicLong infosNext = onA ? infosB : infosA;
                List<Long> sessionsNext = onA ? sessionsB : sessionsA;
                AtomicLong out = new AtomicLong();
                Thread reader = CopyingOrchestrator.countOutput(client, s, out);
                long seq = 0;
                long asked = infosNext.get();
                while (infosNext.get() < asked + 2) { // two background refreshes: the stream runs, info is kept
                    client.publish(s, seq++, new ByteArrayInputStream(new byte[1_000]));
                    Thread.sleep(100);
                }
                long beforeKill = infosNext.get();
                serving.close(); // right after a refresh, the serving one dies: the next refresh is 2 s away
                while (sessionsNext.isEmpty() && seq < 300) {
                    client.publish(s, seq++, new ByteArrayInputStream(new byte[1_000]));
                    Thread.sleep(100);
                }
                Await.until("a session on the next one", 5_000, () -> !sessionsNext.isEmpty());
                System.out.println("the next one was asked " + beforeKill + " times before the kill, "
                        + sessionsNext.get(0) + " when its session started; status " + client.status(s.id()));
                assertEquals(beforeKill, sessionsNext.get(0), "asked for its info during the failover");
                assertEquals(onA ? "0xb" : "0xa", client.status(s.id()).get("orchestrator"));
                client.stop(s.id());
                reader.interrupt();
            } finally {
                ((AutoCloseable) servers).close();
            }
        }
    }
}
