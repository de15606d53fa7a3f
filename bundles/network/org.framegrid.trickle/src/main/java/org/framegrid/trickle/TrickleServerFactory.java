package org.framegrid.trickle;

import java.io.IOException;
import org.framegrid.trickle.tls.TlsIdentity;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts HTTP servers that carry trickle channels and routes. One service per node; each orchestrator or gateway
 * instance starts its own server (so several can live in one JVM).
 */
@ProviderType
public interface TrickleServerFactory {

    /**
     * @param host the address to bind; nodes bind {@code 127.0.0.1} unless configured otherwise
     * @param port the port, 0 for any free one
     * @param tls the key and certificates to serve HTTPS with, or {@code null} for plain HTTP
     * @return the running server
     * @throws IOException if the port cannot be bound
     * @since 3.0 (before, a boolean asked for a fresh self-signed certificate, made with a test library)
     */
    TrickleServer start(String host, int port, TlsIdentity tls) throws IOException;
}
