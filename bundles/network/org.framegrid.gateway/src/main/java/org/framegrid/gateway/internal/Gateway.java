package org.framegrid.gateway.internal;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.trickle.tls.NodeTrust;
import org.framegrid.trickle.tls.TlsIdentity;
import org.framegrid.webrtc.api.WebRtcPeers;

/**
 * The gateway node without OSGi: its server with the developer API ({@link GatewayRoutes}), the orchestrators it
 * knows ({@link OrchestratorDiscovery}), how it opens sessions on them ({@link SessionOpener}), and its streams.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
    private final GatewaySettings settings;
    private final SegmentChannels channels;
    private final PaymentSender payments;
    private final TrickleServer server;
    /** Orchestrators' certificates: bound to the address selected for their URI, or a configured CA's. */
    private final NodeTrust trust = new NodeTrust(null);
    /** Connecting includes the TLS handshake and the binding check: 5 s, not the client's plain-HTTP 2 s. */
    private final TrickleClient trickle = new TrickleClient(Duration.ofSeconds(5), trust.context());
    private volatile boolean plainHttp;
    private final OrchestratorApi api = new OrchestratorApi(trickle.http(), trust, () -> plainHttp);
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final OrchestratorDiscovery discovery;
    private final SessionOpener opener;
    private final Map<String, GatewayStream> streams = new ConcurrentHashMap<>();
    /** Why each of the last {@value #ENDED_KEPT} streams that ended from inside ended, by id (answered as 410). */
    private final Map<String, String> ended = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > ENDED_KEPT;
        }
    });
    static final int ENDED_KEPT = 256;
    private final SecureRandom random = new SecureRandom();
    private final WebRtcEdge webrtc = new WebRtcEdge(this);
    private final HlsEgress hls = new HlsEgress();
    private final ApiKeys apiKeys = new ApiKeys();
    private final CorsPolicy cors = new CorsPolicy();
    private final AuthWebhook auth = new AuthWebhook();
    private final GatewayMeters meters = new GatewayMeters();

    /** A gateway that knows only its static list. */
    public Gateway(GatewaySettings settings, SegmentChannels channels, OrchestratorSelector selector,
                   PaymentSender payments, TrickleServerFactory servers) throws IOException {
        this(settings, channels, selector, payments, servers, null, 0);
    }

    /**
     * @param directory where more orchestrators are published (the chain), or {@code null}
     * @param discoveryMillis how often the directory is read again; the first read happens at once, in the
     *     background
     */
    public Gateway(GatewaySettings settings, SegmentChannels channels, OrchestratorSelector selector,
                   PaymentSender payments, TrickleServerFactory servers, OrchestratorDirectory directory,
                   long discoveryMillis) throws IOException {
        this(settings, channels, selector, payments, servers, directory, discoveryMillis, null);
    }

    /** @param apiTls what the developer API serves HTTPS with, or {@code null} for plain HTTP */
    public Gateway(GatewaySettings settings, SegmentChannels channels, OrchestratorSelector selector,
                   PaymentSender payments, TrickleServerFactory servers, OrchestratorDirectory directory,
                   long discoveryMillis, TlsIdentity apiTls) throws IOException {
        this.settings = settings;
        this.channels = channels;
        this.payments = payments;
        this.discovery = new OrchestratorDiscovery(settings, directory, discoveryMillis, trust, this::warm);
        this.opener = new SessionOpener(settings, discovery, api, selector, payments, calls);
        this.server = servers.start(settings.host(), settings.port(), apiTls);
        server.route("/v1/", cors.guard(new GatewayRoutes(this).routes()));
        server.route(LiveRoutes.PREFIX, cors.guard(new LiveRoutes(this, webrtc).routes()));
        server.route(PageRoute.PREFIX, cors.guard(new PageRoute()));
        server.route(HlsEgress.PREFIX, cors.guard(hls));
    }

    /** The node's engine and WebRTC peers for WHIP and WHEP, each read when used; {@code null} while it has none. */
    public void useWebRtc(Supplier<PipelineService> pipelines, Supplier<WebRtcPeers> peers) {
        webrtc.use(pipelines, peers);
    }

    /** @return how orchestrators' certificates are checked (the component gives it the chain and a CA) */
    public NodeTrust trust() {
        return trust;
    }

    /** Whether orchestrators may be reached over plain {@code http://} (off by default; on is logged). */
    public void allowPlainHttp(boolean allow) {
        if (allow && !plainHttp) {
            LOG.warning("gateway " + settings.address() + ": allow.plain.http = true: orchestrators reached over "
                    + "http:// get streams and payments unencrypted, from anyone on the path");
        }
        plainHttp = allow;
    }

    /** Only requests with one of {@code keys} may start streams; none: anyone. */
    public void requireApiKeys(List<String> keys) {
        apiKeys.set(keys);
    }

    /** Browser apps of these origins may call the gateway (CORS); none: only the node's own page. */
    public void allowOrigins(List<String> origins) {
        cors.allow(origins);
    }

    /** Every stream start is authorised by the webhook at {@code url} (which may change its pipeline and params). */
    public void useAuthWebhook(String url) {
        auth.use(url);
    }

    AuthWebhook auth() {
        return auth;
    }

    ApiKeys apiKeys() {
        return apiKeys;
    }

    /** @return the segment channel a stream's input arrives on */
    static String inputChannel(String streamId) {
        return "g-" + streamId;
    }

    /** @return the segment channel a stream's output leaves on */
    static String outputChannel(String streamId) {
        return "g-" + streamId + "-out";
    }

    /** Warms every orchestrator known now (see below): once the gateway can check their certificates. */
    public void warm() {
        warm(discovery.candidates());
    }

    /**
     * Asks newly known orchestrators for their info in the background, so the first TLS handshake with each (and the
     * check of its certificate's binding, which loads the signature code) is not paid by the first stream: on a busy
     * host that took over the 2 s connect timeout. A failure here is only seen again at a stream's start.
     */
    private void warm(List<URI> orchestrators) {
        SessionOpener o = opener;
        if (o != null) {
            orchestrators.forEach(uri -> calls.submit(() -> o.warm(uri)));
        }
    }

    /** Reads the orchestrator directory now (it is also read periodically). */
    public void discover() {
        discovery.discover();
    }

    public URI uri() {
        return server.baseUri();
    }

    OrchestratorDiscovery discovery() {
        return discovery;
    }

    /**
     * Starts a stream: its input and output served to the app, and a session on the first orchestrator that takes it.
     *
     * @throws OrchestratorApi.Refused when no orchestrator took it (with the status to answer)
     * @throws IOException when opening failed otherwise
     */
    GatewayStream start(String pipeline, Map<String, Object> params) throws IOException, InterruptedException {
        String id = HexFormat.of().formatHex(random.generateSeed(8));
        GatewayStream s = new GatewayStream(id, pipeline, params,
                new LocalChannel(server, channels, inputChannel(id), true),
                new LocalChannel(server, channels, outputChannel(id), false),
                settings, opener, trickle, new PaymentLoop(id, settings, payments, api), meters, () -> ended(id));
        try {
            s.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.stop();
            throw e;
        }
        streams.put(id, s);
        hls.started(id, channels.open(outputChannel(id)));
        return s;
    }

    /** The stream ended from inside (the idle limit): its reason is kept for the app that asks after it, then it stops. */
    private void ended(String id) {
        GatewayStream s = streams.get(id);
        if (s != null && s.endedBecause() != null) {
            ended.put(id, s.endedBecause());
        }
        stop(id);
    }

    /** @return why stream {@code id} ended, if it is one of the last that ended from inside; else {@code null} */
    String endedReason(String id) {
        return ended.get(id);
    }

    /** @return the running stream {@code id}, or {@code null} */
    GatewayStream stream(String id) {
        return streams.get(id);
    }

    /** @return every running stream's report */
    List<StreamReport> reports() {
        return streams.values().stream().map(GatewayStream::status).toList();
    }

    /** @return what the gateway measured across its streams (metrics) */
    GatewayMeters meters() {
        return meters;
    }

    /** @return the running streams' ids */
    Set<String> streams() {
        return Set.copyOf(streams.keySet());
    }

    /** Stops a stream. @return whether it ran */
    boolean stop(String id) {
        GatewayStream s = streams.remove(id);
        webrtc.stopped(id);
        hls.stopped(id);
        if (s != null) {
            s.stop();
        }
        return s != null;
    }

    @Override
    public void close() {
        discovery.close();
        streams.keySet().forEach(webrtc::stopped);
        streams.keySet().forEach(hls::stopped);
        streams.values().forEach(GatewayStream::stop);
        streams.clear();
        server.close();
        calls.shutdownNow();
        trickle.close();
    }
}
