package org.framegrid.trickle.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a server proves itself with: its private key and its certificate chain, leaf first.
 *
 * @param key the private key of the leaf certificate
 * @param chain the leaf certificate, then any intermediates
 */
public record TlsIdentity(PrivateKey key, List<X509Certificate> chain) {
    /** Copies; the chain must not be empty. */
    public TlsIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS identity needs at least one certificate");
        }
    }

    /** @return the server's own certificate */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Never the key: records print their components. */
    @Override
    public String toString() {
        return "TlsIdentity[" + leaf().getSubjectX500Principal() + "]";
    }
}
