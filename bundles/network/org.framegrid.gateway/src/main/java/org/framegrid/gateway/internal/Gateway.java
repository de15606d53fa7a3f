package org.framegrid.gateway.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.payment.api.Price;
import org.framegrid.selection.api.Candidate;
import org.framegrid.selection.api.Observation;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.selection.api.SelectionRequest;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.trickle.client.TrickleClient;

/**
 * The gateway node without OSGi: the developer API on a trickle server, streams, and the calls to orchestrators.
 *
 * <p>API (JSON): {@code POST /v1/streams} {pipeline, params} → 201 {id, input, output, orchestrator};
 * {@code POST /v1/streams/ID/params}; {@code GET /v1/streams/ID}; {@code DELETE /v1/streams/ID}. The developer
 * publishes MPEG-TS segments to {@code input} and reads processed ones from {@code output} (trickle channels).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
    private final GatewaySettings settings;
    private final SegmentChannels channels;
    private final OrchestratorSelector selector;
    private final PaymentSender payments;
    private final TrickleServer server;
    private final TrickleClient trickle = new TrickleClient();
    private final OrchestratorApi api = new OrchestratorApi(trickle.http());
    private final Map<String, GatewayStream> streams = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final OrchestratorDirectory directory;
    private final ScheduledExecutorService discovery = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gateway-discovery").factory());
    private volatile List<OrchestratorDirectory.Listing> discovered = List.of();
    private volatile String discoveryError;

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
        this.settings = settings;
        this.channels = channels;
        this.selector = selector;
        this.payments = payments;
        this.directory = directory;
        this.server = servers.start(settings.host(), settings.port(), false);
        server.route("/v1/", this::handle);
        if (directory != null) {
            discovery.scheduleWithFixedDelay(this::discover, 0, Math.max(1000, discoveryMillis),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the directory now; a failure keeps the last list and is reported in {@link #discovery()}. */
    public void discover() {
        try {
            discovered = List.copyOf(directory.orchestrators());
            discoveryError = null;
        } catch (Exception e) {
            discoveryError = "orchestrator discovery failed: " + e.getMessage();
            LOG.warning(discoveryError);
        }
    }

    /** @return what discovery found last, and its last error if the last read failed */
    Map<String, Object> discovery() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("static", settings.orchestrators().stream().map(URI::toString).toList());
        m.put("chain", discovered.stream().map(l -> Map.of("address", l.address(), "uri", l.uri().toString(),
                "stake", l.stake().toString())).toList());
        if (discoveryError != null) {
            m.put("error", discoveryError);
        }
        return m;
    }

    /** @return the static list, then the discovered URIs not already in it */
    List<URI> candidates() {
        Set<URI> all = new LinkedHashSet<>(settings.orchestrators());
        discovered.forEach(l -> all.add(l.uri()));
        return List.copyOf(all);
    }

    /** @return stake per lower-case address: configured values, overridden by what the chain says */
    Map<String, BigInteger> stakes() {
        Map<String, BigInteger> stakes = new HashMap<>();
        settings.stakes().forEach((a, s) -> stakes.put(a.toLowerCase(Locale.ROOT), s));
        discovered.forEach(l -> stakes.put(l.address().toLowerCase(Locale.ROOT), l.stake()));
        return stakes;
    }

    public URI uri() {
        return server.baseUri();
    }

    GatewaySettings settings() {
        return settings;
    }

    OrchestratorSelector selector() {
        return selector;
    }

    PaymentSender payments() {
        return payments;
    }

    TrickleClient trickle() {
        return trickle;
    }

    OrchestratorApi api() {
        return api;
    }

    private HttpReply handle(HttpCall call) throws Exception {
        String[] p = call.path().substring(1).split("/");
        if (p.length == 2 && p[1].equals("streams") && call.method().equals("POST")) {
            return start(call);
        }
        if (p.length == 2 && p[1].equals("orchestrators") && call.method().equals("GET")) {
            return HttpReply.json(200, OrchestratorApi.JSON.writeValueAsString(discovery()));
        }
        GatewayStream s = p.length >= 3 && p[1].equals("streams") ? streams.get(p[2]) : null;
        if (p.length >= 3 && s == null) {
            return error(404, "stream " + p[2] + " does not exist");
        }
        if (p.length == 3 && call.method().equals("GET")) {
            return HttpReply.json(200, OrchestratorApi.JSON.writeValueAsString(s.status()));
        }
        if (p.length == 3 && call.method().equals("DELETE")) {
            streams.remove(s.id);
            s.stop();
            server.unserve(s.input.name());
            server.unserve(s.output.name());
            channels.remove(s.input.name());
            channels.remove(s.output.name());
            return HttpReply.json(200, "{\"stopped\":\"" + s.id + "\"}");
        }
        if (p.length == 4 && p[3].equals("params") && call.method().equals("POST")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> changes = OrchestratorApi.JSON.readValue(call.body(), Map.class);
            s.update(changes);
            return HttpReply.json(200, OrchestratorApi.JSON.writeValueAsString(s.paramsCopy()));
        }
        return error(404, call.method() + " " + call.path() + ": no such endpoint");
    }

    private HttpReply start(HttpCall call) throws Exception {
        Map<?, ?> body;
        try {
            body = OrchestratorApi.JSON.readValue(call.body(), Map.class);
        } catch (IOException e) {
            return error(400, "stream request: not a JSON object: " + e.getMessage());
        }
        if (!(body.get("pipeline") instanceof String pipeline)) {
            return error(400, "stream request: 'pipeline' (a name) is missing");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = body.get("params") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        String id = HexFormat.of().formatHex(random.generateSeed(8));
        GatewayStream s = new GatewayStream(id, pipeline, params, channels.open("g-" + id), channels.open("g-" + id + "-out"),
                this);
        server.serve(s.input.name(), TrickleServer.MEDIA, s.input, true);
        server.serve(s.output.name(), TrickleServer.MEDIA, s.output, false);
        try {
            s.start();
        } catch (IOException e) {
            s.stop();
            server.unserve(s.input.name());
            server.unserve(s.output.name());
            channels.remove(s.input.name());
            channels.remove(s.output.name());
            int status = e instanceof OrchestratorApi.Refused r ? r.status : 503;
            return error(status, e.getMessage());
        }
        streams.put(id, s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("input", server.channelUri(s.input.name()).toString());
        m.put("output", server.channelUri(s.output.name()).toString());
        m.put("orchestrator", s.status().get("orchestrator"));
        return HttpReply.json(201, OrchestratorApi.JSON.writeValueAsString(m));
    }

    /**
     * Asks every known orchestrator for its info (in parallel), lets the selector order the usable ones, and starts a
     * session on the first that accepts, paying the initial amount.
     *
     * @throws IOException naming every refusal if none accepts (the last refusal's status, or 503 if none was usable)
     */
    GatewayStream.Attempt open(GatewayStream stream, Set<String> exclude) throws IOException, InterruptedException {
        List<Future<OrchestratorApi.Info>> asked = new ArrayList<>();
        List<URI> candidates = candidates();
        Map<String, BigInteger> stakes = stakes();
        for (URI o : candidates) {
            asked.add(calls.submit(() -> api.info(o, settings.address(), stakes)));
        }
        Map<String, OrchestratorApi.Info> infos = new LinkedHashMap<>();
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            try {
                OrchestratorApi.Info info = asked.get(i).get();
                infos.put(info.candidate().address(), info);
                selector.observe(new Observation(info.candidate().address(), Observation.Outcome.SUCCESS,
                        info.latencyMillis(), null));
            } catch (java.util.concurrent.ExecutionException e) {
                refusals.add(candidates.get(i) + ": " + e.getCause().getMessage());
            }
        }
        List<Candidate> order = selector.select(new SelectionRequest(stream.pipeline, settings.maxPricePerSecondWei(),
                exclude), infos.values().stream().map(OrchestratorApi.Info::candidate).toList(), 5);
        int lastStatus = 503;
        for (Candidate c : order) {
            OrchestratorApi.Info info = infos.get(c.address());
            long t = System.nanoTime();
            try {
                Payment p = payments.pay(c.address(), info.terms(), new Price(c.pricePerSecondWei(), 1),
                        info.initialSeconds());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("pipeline", stream.pipeline);
                body.put("params", stream.paramsCopy());
                body.put("sender", settings.address());
                body.put("payment", Map.of("scheme", p.scheme(), "data", Base64.getEncoder().encodeToString(p.data())));
                Map<?, ?> started = api.call(c.uri(), "POST", "/v1/sessions", body, Duration.ofSeconds(10));
                selector.observe(new Observation(c.address(), Observation.Outcome.SUCCESS,
                        (System.nanoTime() - t) / 1_000_000, null));
                stream.tried.add(c.address());
                stream.paidWei = stream.paidWei.add(p.value());
                return stream.new Attempt(info, started);
            } catch (OrchestratorApi.Refused e) {
                lastStatus = e.status;
                refusals.add(e.getMessage());
                selector.observe(new Observation(c.address(), e.status == 503 ? Observation.Outcome.BUSY
                        : Observation.Outcome.FAILURE, -1, e.getMessage()));
            } catch (Exception e) {
                refusals.add(c.uri() + ": " + e.getMessage());
                selector.observe(new Observation(c.address(), Observation.Outcome.FAILURE, -1, e.getMessage()));
            }
        }
        throw new OrchestratorApi.Refused("no orchestrator took the stream (" + order.size() + " usable of "
                + infos.size() + " reachable): " + String.join("; ", refusals), lastStatus);
    }

    void closeSessionQuietly(GatewayStream.Attempt a) {
        calls.submit(() -> api.call(a.info.candidate().uri(), "DELETE", "/v1/sessions/" + a.session, null,
                Duration.ofSeconds(1)));
    }

    private static HttpReply error(int status, String message) throws IOException {
        return HttpReply.json(status, OrchestratorApi.JSON.writeValueAsString(Map.of("error", message)));
    }

    @Override
    public void close() {
        discovery.shutdownNow();
        streams.values().forEach(GatewayStream::stop);
        streams.clear();
        server.close();
        calls.shutdownNow();
        trickle.close();
    }
}
