package org.framegrid.trickle.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.framegrid.chain.api.Signatures;
import org.framegrid.chain.web3j.embedded.MessageSignatures;
import org.framegrid.testing.DevKeys;
import org.framegrid.testing.TestPki;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.trickle.tls.BoundCertificates;
import org.framegrid.trickle.tls.NodeTrust;
import org.framegrid.trickle.tls.TlsIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway's trust in orchestrators over real TLS on 127.0.0.1: a certificate bound to the selected address is
 * accepted; one with the right IP bound to another address, or bound to none, is refused; a configured CA's
 * certificate is accepted for its host and refused for another.
 */
@Timeout(60)
class NodeTrustTest {
    private static final Signatures ORCHESTRATOR = MessageSignatures.of(DevKeys.ACCOUNT_0);
    private static final Signatures IMPOSTOR = MessageSignatures.of(DevKeys.ACCOUNT_1);

    private final TrickleServerFactoryComponent factory = new TrickleServerFactoryComponent();
    private final NodeTrust trust = new NodeTrust(MessageSignatures.readOnly()::signer);
    /** A first TLS handshake in a fresh JVM on a loaded host can take seconds: not what these tests measure. */
    private static final Duration CONNECT = Duration.ofSeconds(30);
    private final TrickleClient client = new TrickleClient(CONNECT, trust.context());

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        client.close();
        factory.close();
    }

    private URI serve(TlsIdentity identity) throws IOException {
        TrickleServer s = factory.start("127.0.0.1", 0, identity);
        s.route("/v1/", call -> HttpReply.json(200, "{\"ok\":true}"));
        return s.baseUri();
    }

    private int get(URI base) throws Exception {
        return client.http().send(HttpRequest.newBuilder(base.resolve("/v1/info")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aCertificateBoundToTheSelectedAddressIsAccepted() throws Exception {
        TlsIdentity id = BoundCertificates.identity(dir.resolve("tls.key"), ORCHESTRATOR.account(), ORCHESTRATOR::sign);
        URI base = serve(id);
        trust.expect(base, ORCHESTRATOR.account());
        assertEquals(200, get(base));
        assertEquals(ORCHESTRATOR.account(), trust.boundAddress(id.leaf()));
    }

    @Test
    void aForgedCertificateWithTheRightIpIsRefused() throws Exception {
        // Bound, but by another key: an impostor on the orchestrator's IP and port.
        URI forged = serve(BoundCertificates.identity(dir.resolve("impostor.key"), ORCHESTRATOR.account(),
                IMPOSTOR::sign));
        trust.expect(forged, ORCHESTRATOR.account());
        IOException e = assertThrows(IOException.class, () -> get(forged));
        assertTrue(String.valueOf(rootMessage(e)).contains("bound to " + IMPOSTOR.account() + ", not to "
                + ORCHESTRATOR.account()), rootMessage(e));
        // Not bound at all: a self-signed certificate for 127.0.0.1, as the node made them before.
        TestPki.Leaf self = TestPki.selfSigned("127.0.0.1");
        URI plain = serve(new TlsIdentity(self.key(), List.of(self.certificate())));
        trust.expect(plain, ORCHESTRATOR.account());
        IOException e2 = assertThrows(IOException.class, () -> get(plain));
        assertTrue(String.valueOf(rootMessage(e2)).contains("not bound to an orchestrator address"), rootMessage(e2));
    }

    @Test
    void theTlsKeyIsMadeOnceAndKept() throws Exception {
        Path key = dir.resolve("data/tls/orchestrator.key");
        TlsIdentity first = BoundCertificates.identity(key, ORCHESTRATOR.account(), ORCHESTRATOR::sign);
        TlsIdentity second = BoundCertificates.identity(key, ORCHESTRATOR.account(), ORCHESTRATOR::sign);
        assertTrue(Files.isRegularFile(key));
        assertArrayEquals(first.leaf().getPublicKey().getEncoded(), second.leaf().getPublicKey().getEncoded());
        assertEquals(ORCHESTRATOR.account(), trust.boundAddress(second.leaf()));
    }

    @Test
    void aConfiguredCaIsCheckedWithItsHostName() throws Exception {
        TestPki pki = TestPki.create("operators' CA");
        TestPki.Leaf right = pki.issue("127.0.0.1");
        TestPki.Leaf wrongHost = pki.issue("orchestrator.invalid");
        URI good = serve(new TlsIdentity(right.key(), List.of(right.certificate())));
        URI bad = serve(new TlsIdentity(wrongHost.key(), List.of(wrongHost.certificate())));
        IOException noCa = assertThrows(IOException.class, () -> get(good));
        assertTrue(String.valueOf(rootMessage(noCa)).contains("no CA is configured"), rootMessage(noCa));
        trust.useCa(NodeTrust.ca(pki.writeCa(dir.resolve("ca.pem"))));
        try (TrickleClient fresh = new TrickleClient(CONNECT, trust.context())) {
            assertEquals(200, fresh.http().send(HttpRequest.newBuilder(good.resolve("/v1/info")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            IOException e = assertThrows(IOException.class, () -> fresh.http().send(
                    HttpRequest.newBuilder(bad.resolve("/v1/info")).build(), HttpResponse.BodyHandlers.ofString()));
            assertTrue(String.valueOf(rootMessage(e)).contains("No subject alternative names matching IP address "
                    + "127.0.0.1"), rootMessage(e));
        }
    }

    @Test
    void aCertificateWithoutBindingHasNoBoundAddress() {
        X509Certificate self = TestPki.selfSigned("127.0.0.1").certificate();
        assertNull(BoundCertificates.signature(self));
    }

    private static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }
}
