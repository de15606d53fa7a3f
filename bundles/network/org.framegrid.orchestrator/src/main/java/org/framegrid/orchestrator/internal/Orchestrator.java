package org.framegrid.orchestrator.internal;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.trickle.tls.TlsIdentity;

/**
 * The orchestrator node without OSGi: its server with the HTTP API ({@link OrchestratorRoutes}), its sessions
 * ({@link SessionManager}), the meter that debits them ({@link PaymentMeter}) and the warm-up of the pipelines it
 * offers ({@link PipelineWarmup}), which starts with it.
 */
public final class Orchestrator implements AutoCloseable {
    private final TrickleServer server;
    private final SessionManager sessions;
    private final PaymentMeter meter;
    private final PipelineWarmup warmup;

    /** A node paid through one receiver (tests, tools); plain HTTP unless {@code tls} is given. */
    public Orchestrator(OrchestratorSettings settings, PipelineService pipelines, SegmentChannels channels,
                        PaymentReceiver payments, TrickleServerFactory servers, TlsIdentity tls) throws IOException {
        this(settings, pipelines, channels, PaymentReceivers.of(payments), servers, tls);
    }

    /**
     * @param receivers the payment receivers, which may change while the node runs (the component binds and unbinds
     *     them dynamically)
     * @param tls what it serves HTTPS with when {@code settings.tls()}
     */
    public Orchestrator(OrchestratorSettings settings, PipelineService pipelines, SegmentChannels channels,
                        PaymentReceivers receivers, TrickleServerFactory servers, TlsIdentity tls) throws IOException {
        if (settings.tls() && tls == null) {
            throw new IllegalArgumentException("orchestrator " + settings.address() + ": TLS is on but no certificate "
                    + "was given");
        }
        this.server = servers.start(settings.host(), settings.port(), settings.tls() ? tls : null);
        this.sessions = new SessionManager(settings, pipelines, channels, server, receivers);
        this.meter = new PaymentMeter(settings, sessions, receivers);
        this.warmup = new PipelineWarmup(settings, pipelines, channels);
        server.route("/v1/", new OrchestratorRoutes(settings, pipelines, sessions, receivers, meter, server, warmup)
                .routes());
        warmup.start();
    }

    /** @return where the node listens, e.g. {@code http://127.0.0.1:34567} */
    public URI uri() {
        return server.baseUri();
    }

    /** @return the ids of the running sessions */
    public List<String> sessions() {
        return sessions.running().stream().map(s -> s.id).toList();
    }

    /** @return its sessions (the metrics read them) */
    SessionManager sessionManager() {
        return sessions;
    }

    /** @return the warm-up of the pipelines it offers (readiness and metrics read its state) */
    PipelineWarmup warmup() {
        return warmup;
    }

    /** Stops warming, metering and listening, then ends every session. */
    @Override
    public void close() {
        warmup.close();
        meter.close();
        server.close();
        sessions.stopAll("orchestrator stopped");
    }
}
