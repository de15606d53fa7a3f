package org.framegrid.orchestrator.embedded;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.orchestrator.internal.Orchestrator;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.trickle.tls.TlsIdentity;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One orchestrator node in a plain JVM, as the component {@code org.framegrid.orchestrator} runs it in a node: its
 * server is listening when the constructor returns; {@link #close()} stops it and ends its sessions.
 */
@ProviderType
public final class EmbeddedOrchestrator implements AutoCloseable {

    private final Orchestrator node;

    /**
     * @param settings what the node offers, at which price, where it listens
     * @param pipelines runs the sessions' pipelines (e.g. an embedded engine)
     * @param channels the segment channels the sessions' decode and encode stages use
     * @param payments paid through this receiver only
     * @param servers starts the node's HTTP server
     * @throws IOException when the server cannot listen
     */
    public EmbeddedOrchestrator(OrchestratorSettings settings, PipelineService pipelines, SegmentChannels channels,
                                PaymentReceiver payments, TrickleServerFactory servers) throws IOException {
        this(settings, pipelines, channels, payments, servers, null);
    }

    /**
     * A node that serves HTTPS with {@code tls} when {@code settings.tls()}: a certificate bound to its address
     * ({@code org.framegrid.trickle.tls.BoundCertificates}) or one a CA issued.
     *
     * @since 1.1
     */
    public EmbeddedOrchestrator(OrchestratorSettings settings, PipelineService pipelines, SegmentChannels channels,
                                PaymentReceiver payments, TrickleServerFactory servers, TlsIdentity tls)
            throws IOException {
        this.node = new Orchestrator(settings, pipelines, channels, payments, servers, tls);
    }

    /** @return where the node listens, e.g. {@code https://127.0.0.1:34567} */
    public URI uri() {
        return node.uri();
    }

    /** @return the ids of the running sessions */
    public List<String> sessions() {
        return node.sessions();
    }

    /** Stops metering and listening, then ends every session. */
    @Override
    public void close() {
        node.close();
    }
}
