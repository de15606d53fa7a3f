package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.framegrid.chain.api.Signatures;
import org.framegrid.chain.web3j.embedded.MessageSignatures;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.GatewayException;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.orchestrator.embedded.EmbeddedOrchestrator;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.DevKeys;
import org.framegrid.testing.Providers;
import org.framegrid.testing.TestPki;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.trickle.tls.BoundCertificates;
import org.framegrid.trickle.tls.NodeTrust;
import org.framegrid.trickle.tls.Pem;
import org.framegrid.trickle.tls.TlsIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS between a gateway and orchestrators, and on the developer API, over real sockets on 127.0.0.1: the gateway
 * uses an orchestrator only when its certificate is bound to the address it selected (or a configured CA issued it
 * for that host), fails over past a forged one, says why in one line, and reaches plain HTTP only when told to.
 */
@Timeout(120)
class OrchestratorTlsTest {
    private static final Signatures ORCHESTRATOR = MessageSignatures.of(DevKeys.ACCOUNT_0);
    private static final Signatures OTHER = MessageSignatures.of(DevKeys.ACCOUNT_2);
    private static final Signatures IMPOSTOR = MessageSignatures.of(DevKeys.ACCOUNT_1);

    private MemorySegmentChannels channels;
    private EmbeddedEngine engine;
    private TrickleServerFactory servers;
    private final List<AutoCloseable> open = new ArrayList<>();
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        channels = new MemorySegmentChannels(5);
        engine = NetworkTest.passthroughEngine(channels);
        servers = Providers.service(TrickleServerFactory.class);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        ((AutoCloseable) servers).close();
        engine.close();
    }

    /** An orchestrator that states {@code address} and serves {@code tls} (null: plain HTTP). */
    private URI orchestrator(String address, TlsIdentity tls) throws Exception {
        EmbeddedOrchestrator o = new EmbeddedOrchestrator(new OrchestratorSettings(address, "127.0.0.1", 0,
                tls != null, List.of("live-passthrough"), 2, NetworkTest.PRICE, 10, 1000), engine, channels,
                new TestPayments(1), servers, tls);
        open.add(o);
        return o.uri();
    }

    private TlsIdentity bound(String address, Signatures signer) throws Exception {
        return BoundCertificates.identity(dir.resolve(signer.account() + "-" + address + ".key"), address,
                signer::sign);
    }

    private Gateway gateway(List<URI> staticList, List<OrchestratorDirectory.Listing> published, TlsIdentity api)
            throws Exception {
        Gateway g = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, staticList, Map.of(),
                BigInteger.valueOf(5_000), 2_000, 1_500), channels, Providers.service(OrchestratorSelector.class),
                new TestPayments(1), servers, published.isEmpty() ? null : () -> published, 60_000, api);
        open.add(g);
        g.trust().useRecovery(MessageSignatures.readOnly()::signer);
        g.discover();
        return g;
    }

    private static OrchestratorDirectory.Listing listing(Signatures who, URI uri) {
        return new OrchestratorDirectory.Listing(who.account(), uri, BigInteger.TEN);
    }

    @Test
    void aForgedCertificateOnThePublishedUriIsRefusedAndTheStreamGoesToAGenuineOrchestrator() throws Exception {
        // The chain says ORCHESTRATOR serves at `hijacked`; what answers there has the right IP and states the right
        // address, but its certificate is bound by another key.
        URI hijacked = orchestrator(ORCHESTRATOR.account(), bound(ORCHESTRATOR.account(), IMPOSTOR));
        Gateway alone = gateway(List.of(), List.of(listing(ORCHESTRATOR, hijacked)), null);
        try (GatewayClient client = new GatewayClient(alone.uri())) {
            GatewayException refused = assertThrows(GatewayException.class,
                    () -> client.start("live-passthrough", Map.of()));
            System.out.println("forged certificate: " + refused.getMessage());
            assertTrue(refused.getMessage().contains(hijacked + ": TLS refused: ")
                    && refused.getMessage().contains("the certificate is bound to " + IMPOSTOR.account()
                    + ", not to " + ORCHESTRATOR.account()), refused.getMessage());
        }
        URI genuine = orchestrator(OTHER.account(), bound(OTHER.account(), OTHER));
        Gateway g = gateway(List.of(), List.of(listing(ORCHESTRATOR, hijacked), listing(OTHER, genuine)), null);
        try (GatewayClient client = new GatewayClient(g.uri())) {
            StreamInfo s = client.start("live-passthrough", Map.of());
            assertEquals(OTHER.account(), g.stream(s.id()).status().orchestrator());
            client.stop(s.id());
        }
    }

    @Test
    void aLiveStreamFlowsOverTlsToTheOrchestratorAndBack() throws Exception {
        URI o = orchestrator(ORCHESTRATOR.account(), bound(ORCHESTRATOR.account(), ORCHESTRATOR));
        Gateway g = gateway(List.of(o), List.of(), null);
        SegmentChannel camera = NetworkTest.camera(engine, channels, 320, 240);
        try (GatewayClient client = new GatewayClient(g.uri())) {
            StreamInfo s = client.start("live-passthrough", Map.of());
            long started = System.nanoTime();
            CompletableFuture<Long> out = CompletableFuture.supplyAsync(() -> {
                long bytes = 0;
                try {
                    for (long next = 0; next < 4; next++) {
                        TrickleClient.Segment seg = client.read(s, next);
                        next = seg.sequence();
                        bytes += seg.bytes().readAllBytes().length;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return bytes;
            });
            for (long seq = 0; seq < 8 && !out.isDone(); seq++) {
                client.publish(s, seq, camera.await(seq, 5, TimeUnit.SECONDS).bytes());
            }
            long bytes = out.get(30, TimeUnit.SECONDS);
            System.out.printf("4 output segments (%d bytes) over TLS in %d ms%n", bytes,
                    (System.nanoTime() - started) / 1_000_000);
            assertTrue(bytes > 0);
            assertEquals(ORCHESTRATOR.account(), g.stream(s.id()).status().orchestrator());
            assertEquals(0, g.stream(s.id()).status().swaps(), g.stream(s.id()).status().toString());
            client.stop(s.id());
        }
    }

    @Test
    void aStaticOrchestratorMustStateTheAddressItsCertificateIsBoundTo() throws Exception {
        URI liar = orchestrator(ORCHESTRATOR.account(), bound(ORCHESTRATOR.account(), IMPOSTOR));
        URI honest = orchestrator(ORCHESTRATOR.account(), bound(ORCHESTRATOR.account(), ORCHESTRATOR));
        Gateway g = gateway(List.of(liar), List.of(), null);
        try (GatewayClient client = new GatewayClient(g.uri())) {
            GatewayException refused = assertThrows(GatewayException.class,
                    () -> client.start("live-passthrough", Map.of()));
            assertTrue(refused.getMessage().contains(liar + ": says it is " + ORCHESTRATOR.account()
                    + " but its certificate is bound to " + IMPOSTOR.account()), refused.getMessage());
        }
        Gateway ok = gateway(List.of(honest), List.of(), null);
        try (GatewayClient client = new GatewayClient(ok.uri())) {
            StreamInfo s = client.start("live-passthrough", Map.of());
            assertEquals(ORCHESTRATOR.account(), ok.stream(s.id()).status().orchestrator());
            assertEquals(ORCHESTRATOR.account(), ok.trust().expected(honest));
            client.stop(s.id());
        }
        // A static list has no directory to read: asking it to discover is not a failure to report.
        assertFalse(ok.discovery().report().containsKey("error"), ok.discovery().report().toString());
    }

    @Test
    void plainHttpToOrchestratorsNeedsTheOptOut() throws Exception {
        URI plain = orchestrator(ORCHESTRATOR.account(), null);
        Gateway g = gateway(List.of(plain), List.of(), null);
        try (GatewayClient client = new GatewayClient(g.uri())) {
            GatewayException refused = assertThrows(GatewayException.class,
                    () -> client.start("live-passthrough", Map.of()));
            assertTrue(refused.getMessage().contains(plain + ": plain HTTP to orchestrators is off"),
                    refused.getMessage());
            g.allowPlainHttp(true);
            client.stop(client.start("live-passthrough", Map.of()).id());
        }
    }

    @Test
    void aCaIssuedCertificateIsAcceptedForItsHostOnly() throws Exception {
        TestPki pki = TestPki.create("operators' CA");
        TestPki.Leaf right = pki.issue("127.0.0.1");
        TestPki.Leaf wrong = pki.issue("elsewhere.invalid");
        URI good = orchestrator(ORCHESTRATOR.account(), Pem.identity(right.write(dir, "good"), dir.resolve("good.key")));
        URI bad = orchestrator(OTHER.account(), Pem.identity(wrong.write(dir, "bad"), dir.resolve("bad.key")));
        Gateway g = gateway(List.of(bad), List.of(), null);
        g.trust().useCa(NodeTrust.ca(pki.writeCa(dir.resolve("ca.pem"))));
        try (GatewayClient client = new GatewayClient(g.uri())) {
            GatewayException refused = assertThrows(GatewayException.class,
                    () -> client.start("live-passthrough", Map.of()));
            assertTrue(refused.getMessage().contains("TLS refused: No subject alternative names matching IP address "
                    + "127.0.0.1"), refused.getMessage());
        }
        Gateway ok = gateway(List.of(good), List.of(), null);
        ok.trust().useCa(NodeTrust.ca(pki.writeCa(dir.resolve("ca.pem"))));
        try (GatewayClient client = new GatewayClient(ok.uri())) {
            client.stop(client.start("live-passthrough", Map.of()).id());
        }
    }

    @Test
    void theDeveloperApiServesHttpsWithTheGivenCertificate() throws Exception {
        TestPki pki = TestPki.create("app CA");
        Path cert = pki.issue("127.0.0.1").write(dir, "api");
        Gateway g = gateway(List.of(), List.of(), Pem.identity(cert, dir.resolve("api.key")));
        assertTrue(g.uri().toString().startsWith("https://127.0.0.1:"), g.uri().toString());
        NodeTrust appTrust = new NodeTrust(null);
        appTrust.useCa(NodeTrust.ca(pki.writeCa(dir.resolve("app-ca.pem"))));
        HttpClient app = HttpClient.newBuilder().sslContext(appTrust.context()).build();
        HttpResponse<String> r = app.send(HttpRequest.newBuilder(g.uri().resolve("/v1/orchestrators")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(pki.ca().getSubjectX500Principal(),
                ((java.security.cert.X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[1 - 1])
                        .getIssuerX500Principal());
        app.close();
    }
}
