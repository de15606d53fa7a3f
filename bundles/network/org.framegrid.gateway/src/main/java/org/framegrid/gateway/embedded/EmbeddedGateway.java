package org.framegrid.gateway.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.framegrid.chain.api.OrchestratorInfo;
import org.framegrid.chain.api.Signatures;
import org.framegrid.gateway.internal.ChainDirectory;
import org.framegrid.gateway.internal.Gateway;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.trickle.tls.NodeTrust;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One gateway node in a plain JVM, as the component {@code org.framegrid.gateway} runs it in a node: its developer
 * API is listening when the constructor returns; {@link #close()} stops its streams and the server.
 */
@ProviderType
public final class EmbeddedGateway implements AutoCloseable {

    private final Gateway node;

    /**
     * A gateway that knows the orchestrators of {@code settings} only.
     *
     * @throws IOException when the server cannot listen
     */
    public EmbeddedGateway(GatewaySettings settings, SegmentChannels channels, OrchestratorSelector selector,
                           PaymentSender payments, TrickleServerFactory servers) throws IOException {
        this(settings, channels, selector, payments, servers, null, 0);
    }

    /**
     * A gateway that also uses the active orchestrators of a pool with a service URI, as a node reads them from the
     * chain (StakingService.orchestrators()).
     *
     * @param pool reads the pool, or {@code null}; read at once in the background, then every
     *     {@code discoveryMillis}
     * @throws IOException when the server cannot listen
     */
    public EmbeddedGateway(GatewaySettings settings, SegmentChannels channels, OrchestratorSelector selector,
                           PaymentSender payments, TrickleServerFactory servers,
                           Callable<List<OrchestratorInfo>> pool, long discoveryMillis) throws IOException {
        this.node = new Gateway(settings, channels, selector, payments, servers,
                pool == null ? null : () -> ChainDirectory.listings(pool.call()), discoveryMillis);
    }

    /**
     * Checks orchestrators' certificate bindings with {@code signatures} (as a node does with its chain's): a
     * gateway reaches orchestrators over HTTPS only, and accepts a certificate bound to the address it selected.
     *
     * @since 1.2
     */
    public void useSignatures(Signatures signatures) {
        node.trust().useRecovery(signatures::signer);
        node.warm();
    }

    /** Also accepts orchestrators' certificates issued by the CAs of a PEM file, for their host. @since 1.2 */
    public void trustCa(Path pemFile) throws IOException {
        node.trust().useCa(NodeTrust.ca(pemFile));
    }

    /** Uses orchestrators over plain {@code http://} too (logged as a warning). @since 1.2 */
    public void allowPlainHttp() {
        node.allowPlainHttp(true);
    }

    /** Reads the orchestrator pool now (it is also read periodically). */
    public void discover() {
        node.discover();
    }

    /** @return where the developer API listens, e.g. {@code http://127.0.0.1:34567} */
    public URI uri() {
        return node.uri();
    }

    /** Stops every stream, discovery and the server. */
    @Override
    public void close() {
        node.close();
    }
}
