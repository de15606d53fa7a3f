package org.framegrid.trickle.tls;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A gateway's trust in orchestrators. A server certificate is accepted when it is bound
 * ({@link BoundCertificates}) and its binding signature recovers to the address selected for that host and port
 * ({@link #expect}), or, when the certificate carries no binding and a CA is configured ({@link #useCa}), when the CA
 * issued it for that host name (PKIX and host name verification, as browsers do). Everything else is refused with one
 * line. Where no address is expected yet (a static URI before its first {@code /v1/info}) a valid binding is accepted,
 * and the caller compares {@link #boundAddress} with the address the orchestrator states. Thread-safe.
 */
public final class NodeTrust extends X509ExtendedTrustManager {

    /** Tells which address made an EIP-191 signature of a message (the chain's {@code Signatures.signer}). */
    @FunctionalInterface
    public interface Recovery {
        /** @return the 0x address, or throws when the signature is not valid */
        String signer(byte[] message, byte[] signature) throws Exception;
    }

    private final Map<String, String> expected = new ConcurrentHashMap<>();
    /**
     * Addresses recovered from bindings, by the certificate's SHA-256: a session opens several connections to one
     * orchestrator, and recovering a secp256k1 signature on each handshake costs (seconds for the first on a loaded
     * host). Bounded: cleared when full.
     */
    private final Map<String, String> recovered = new ConcurrentHashMap<>();
    private static final int RECOVERED_MAX = 4096;
    private volatile Recovery recovery;
    private volatile X509ExtendedTrustManager ca;

    /** @param recovery recovers binding signatures; {@code null} until one is given to {@link #useRecovery} */
    public NodeTrust(Recovery recovery) {
        this.recovery = recovery;
    }

    /** Uses {@code r} from now on ({@code null}: bound certificates cannot be checked and are refused). */
    public void useRecovery(Recovery r) {
        this.recovery = r;
    }

    /** Also accepts certificates the CAs of this trust manager issued ({@code null}: none). See {@link #ca}. */
    public void useCa(X509ExtendedTrustManager trust) {
        this.ca = trust;
    }

    /** The server at {@code uri}'s host and port must present a certificate bound to {@code address}. */
    public void expect(URI uri, String address) {
        expected.put(authority(uri.getHost(), port(uri)), address.toLowerCase(Locale.ROOT));
    }

    /** @return the address expected at {@code uri}'s host and port, or {@code null} */
    public String expected(URI uri) {
        return expected.get(authority(uri.getHost(), port(uri)));
    }

    /** @return a client TLS context that trusts through this manager */
    public SSLContext context() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {this}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** @return PKIX trust in the CA certificates of a PEM file, with host name verification */
    public static X509ExtendedTrustManager ca(Path pemFile) throws IOException {
        List<X509Certificate> cas = Pem.certificates(pemFile);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
            f.init(store);
            for (TrustManager t : f.getTrustManagers()) {
                if (t instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IOException(pemFile + ": the JVM's PKIX trust manager is missing");
        } catch (GeneralSecurityException e) {
            throw new IOException(pemFile + ": cannot use it as a CA (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @return the address {@code leaf}'s binding signature recovers to, or {@code null} when it carries no binding
     * @throws CertificateException when the binding is there but not a valid signature, or cannot be checked
     */
    public String boundAddress(X509Certificate leaf) throws CertificateException {
        byte[] signature = BoundCertificates.signature(leaf);
        if (signature == null) {
            return null;
        }
        String key = fingerprint(leaf);
        String known = recovered.get(key);
        if (known != null) {
            return known;
        }
        Recovery r = recovery;
        if (r == null) {
            throw new CertificateException("cannot check the certificate's orchestrator binding: no chain connection "
                    + "to recover signatures with yet");
        }
        try {
            String address = r.signer(BoundCertificates.message(leaf.getPublicKey()), signature)
                    .toLowerCase(Locale.ROOT);
            if (recovered.size() >= RECOVERED_MAX) {
                recovered.clear();
            }
            recovered.put(key, address);
            return address;
        } catch (Exception e) {
            throw new CertificateException("the certificate's orchestrator binding is not a valid signature ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authority(engine.getPeerHost(), engine.getPeerPort()),
                trust -> trust.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        String host = socket instanceof SSLSocket s && s.getHandshakeSession() != null
                ? s.getHandshakeSession().getPeerHost() : socket.getInetAddress().getHostAddress();
        check(chain, authority(host, socket.getPort()), trust -> trust.checkServerTrusted(chain, authType, socket));
    }

    /** Refused: without the peer's host and port there is no selected address (nor host name) to check against. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("an orchestrator's certificate is checked against the address selected for its "
                + "host and port, which this call does not give");
    }

    private interface CaCheck {
        void check(X509ExtendedTrustManager trust) throws CertificateException;
    }

    private void check(X509Certificate[] chain, String authority, CaCheck caCheck) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException(authority + ": the server sent no certificate");
        }
        X509Certificate leaf = chain[0];
        String bound;
        try {
            bound = boundAddress(leaf);
        } catch (CertificateException e) {
            throw new CertificateException(authority + ": " + e.getMessage(), e);
        }
        if (bound != null) {
            leaf.checkValidity();
            String want = expected.get(authority);
            if (want != null && !want.equals(bound)) {
                throw new CertificateException(authority + ": the certificate is bound to " + bound + ", not to "
                        + want + ", the orchestrator selected for this service URI");
            }
            return;
        }
        X509ExtendedTrustManager trust = ca;
        if (trust == null) {
            throw new CertificateException(authority + ": the certificate is not bound to an orchestrator address, "
                    + "and no CA is configured to check it with");
        }
        caCheck.check(trust);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        X509ExtendedTrustManager trust = ca;
        return trust == null ? new X509Certificate[0] : trust.getAcceptedIssuers();
    }

    private static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot hash the certificate: " + e.getMessage(), e);
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static String authority(String host, int port) {
        return (host == null ? "" : host.toLowerCase(Locale.ROOT)) + ":" + port;
    }
}
