package org.framegrid.trickle;

import java.io.IOException;
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
     * @param tls whether to serve HTTPS with a fresh self-signed certificate
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    TrickleServer start(String host, int port, boolean tls) throws IOException;
}
