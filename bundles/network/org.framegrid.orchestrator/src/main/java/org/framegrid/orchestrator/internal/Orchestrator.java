package org.framegrid.orchestrator.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.payment.api.PaymentException;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.PaymentRequiredException;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.SegmentChannels;

/**
 * The orchestrator node without OSGi: its HTTP API on a trickle server, its sessions, and a one-second ticker that
 * debits each session's balance for the second that passed and publishes status events.
 *
 * <p>API (JSON): {@code GET /v1/info[?sender=0x..]}; {@code POST /v1/sessions} {pipeline, params, sender, payment:
 * {scheme, data (base64)}} → 201 {id, input, output, control, events} | 402 {required, balance, shortfall} | 503;
 * {@code POST /v1/sessions/ID/payment} {scheme, data} → {credited, balance}; {@code DELETE /v1/sessions/ID}.
 */
public final class Orchestrator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Orchestrator.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "0.1.0";
    private static final String STREAM_PREFIX = "session-";
    /** How long a session runs without any receiver of its scheme (a payment bundle update takes well under it). */
    private static final int MAX_UNPAID_SECONDS = 30;

    private final OrchestratorSettings settings;
    private final PipelineService pipelines;
    private final SegmentChannels channels;
    private final PaymentReceivers receivers;
    private final TrickleServer server;
    private final Price price;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("orchestrator-ticker").factory());
    private long ticks;

    /** A node paid through one receiver (tests, tools). */
    public Orchestrator(OrchestratorSettings settings, PipelineService pipelines, SegmentChannels channels,
                        PaymentReceiver payments, TrickleServerFactory servers) throws IOException {
        this(settings, pipelines, channels, PaymentReceivers.of(payments), servers);
    }

    /**
     * @param receivers the payment receivers, which may change while the node runs (the component binds and unbinds
     *     them dynamically)
     */
    public Orchestrator(OrchestratorSettings settings, PipelineService pipelines, SegmentChannels channels,
                 PaymentReceivers receivers, TrickleServerFactory servers) throws IOException {
        this.settings = settings;
        this.pipelines = pipelines;
        this.channels = channels;
        this.receivers = receivers;
        this.price = new Price(settings.pricePerSecondWei(), 1);
        this.server = servers.start(settings.host(), settings.port(), settings.tls());
        server.route("/v1/", this::handle);
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** @return where the node listens, e.g. {@code http://127.0.0.1:34567} */
    public java.net.URI uri() {
        return server.baseUri();
    }

    /** @return the ids of the running sessions */
    public List<String> sessions() {
        return new ArrayList<>(sessions.keySet());
    }

    private HttpReply handle(HttpCall call) throws Exception {
        String[] parts = call.path().substring(1).split("/");
        if (parts.length == 2 && parts[1].equals("info") && call.method().equals("GET")) {
            return info(call.query().get("sender"));
        }
        if (parts.length == 2 && parts[1].equals("sessions") && call.method().equals("POST")) {
            return start(call);
        }
        if (parts.length == 4 && parts[1].equals("sessions") && parts[3].equals("payment")
                && call.method().equals("POST")) {
            return pay(parts[2], call);
        }
        if (parts.length == 3 && parts[1].equals("sessions") && call.method().equals("DELETE")) {
            Session s = sessions.remove(parts[2]);
            if (s == null) {
                return error(404, "session " + parts[2] + " does not exist");
            }
            stop(s, "stopped by the gateway");
            return HttpReply.json(200, "{\"stopped\":\"" + s.id + "\"}");
        }
        return error(404, call.method() + " " + call.path() + ": no such endpoint");
    }

    private HttpReply info(String sender) throws IOException {
        PaymentReceiver payments = receivers.best().orElse(null);
        if (payments == null) {
            return error(503, settings.address() + " has no payment receiver now (payment bundle missing or being"
                    + " replaced)");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", settings.address());
        m.put("version", VERSION);
        m.put("pipelines", settings.pipelines().stream().map(p -> Map.of("name", p, "warm",
                pipelines.definition(p).isPresent())).toList());
        m.put("capacity", settings.capacity());
        m.put("inUse", sessions.size());
        m.put("pricePerSecondWei", settings.pricePerSecondWei().toString());
        m.put("initialSeconds", settings.initialSeconds());
        m.put("scheme", payments.scheme());
        if (sender != null) {
            try {
                m.put("terms", Base64.getEncoder().encodeToString(payments.terms(sender).data()));
            } catch (PaymentException e) {
                return error(503, "no payment terms for " + sender + " now: " + e.getMessage());
            }
        }
        return HttpReply.json(200, JSON.writeValueAsString(m));
    }

    private HttpReply start(HttpCall call) throws IOException {
        Map<?, ?> body;
        try {
            body = JSON.readValue(call.body(), Map.class);
        } catch (IOException e) {
            return error(400, "session request: not a JSON object: " + e.getMessage());
        }
        String pipeline = String.valueOf(body.get("pipeline"));
        String sender = String.valueOf(body.get("sender"));
        // The payment's scheme picks the receiver; without one, the receiver whose terms /v1/info handed out now.
        String scheme = body.get("payment") instanceof Map<?, ?> pm && pm.get("scheme") instanceof String sc ? sc
                : null;
        PaymentReceiver payments = (scheme == null ? receivers.best() : receivers.best(scheme)).orElse(null);
        if (payments == null) {
            return error(503, "no payment receiver for scheme '" + scheme + "' on " + settings.address() + " now");
        }
        if (!settings.pipelines().contains(pipeline) || pipelines.definition(pipeline).isEmpty()) {
            return error(404, "pipeline '" + pipeline + "' is not offered here; offered: " + settings.pipelines());
        }
        // Reserve a slot first, so two simultaneous starts cannot both take the last one.
        String id = HexFormat.of().formatHex(random.generateSeed(8));
        synchronized (sessions) {
            if (sessions.size() >= settings.capacity()) {
                return error(503, "over capacity: " + sessions.size() + " of " + settings.capacity()
                        + " sessions running");
            }
            sessions.put(id, placeholder(id));
        }
        try {
            BigInteger required = price.cost(settings.initialSeconds());
            if (body.get("payment") instanceof Map<?, ?> p && p.get("data") instanceof String data) {
                payments.receive(id, Base64.getDecoder().decode(data));
            }
            BigInteger balance = payments.balance(id);
            if (balance.compareTo(required) < 0) {
                sessions.remove(id);
                payments.endSession(id);
                return HttpReply.json(402, JSON.writeValueAsString(Map.of("error", "payment required: the initial "
                        + "payment must cover " + settings.initialSeconds() + " s = " + required + " wei, got "
                        + balance + " wei", "required", required.toString(), "balance", balance.toString(),
                        "shortfall", required.subtract(balance).toString())));
            }
            Session s = open(id, pipeline, sender, payments);
            sessions.put(id, s);
            @SuppressWarnings("unchecked")
            Map<String, Object> params = body.get("params") instanceof Map<?, ?> m ? new LinkedHashMap<>(
                    (Map<String, Object>) m) : new LinkedHashMap<>();
            try {
                startStream(s, params);
            } catch (PipelineDefinitionException | RuntimeException e) {
                sessions.remove(id);
                stop(s, "start failed");
                return error(400, "session for '" + pipeline + "' did not start: " + e.getMessage());
            }
            s.startControlLoop();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("input", server.channelUri(s.input.name()).toString());
            m.put("output", server.channelUri(s.output.name()).toString());
            m.put("control", server.channelUri(s.control.name()).toString());
            m.put("events", server.channelUri(s.events.name()).toString());
            m.put("balanceWei", balance.toString());
            LOG.info(() -> settings.address() + ": session " + id + " started (" + pipeline + ")");
            return HttpReply.json(201, JSON.writeValueAsString(m));
        } catch (RuntimeException | IOException e) {
            sessions.remove(id);
            payments.endSession(id);
            throw e;
        }
    }

    /** Holds the slot while the session is set up; never served. */
    private Session placeholder(String id) {
        return new Session(id, "", "", "", null, null, null, null);
    }

    private Session open(String id, String pipeline, String sender, PaymentReceiver payments) {
        String base = "o-" + id;
        Session s = new Session(id, pipeline, sender, payments.scheme(), channels.open(base),
                channels.open(base + "-out"), channels.open(base + "-control"), channels.open(base + "-events"));
        s.receiver = payments;
        server.serve(s.input.name(), TrickleServer.MEDIA, s.input, true);
        server.serve(s.output.name(), TrickleServer.MEDIA, s.output, false);
        server.serve(s.control.name(), TrickleServer.JSON, s.control, true);
        server.serve(s.events.name(), TrickleServer.JSON, s.events, false);
        return s;
    }

    /**
     * The definition's decode node reads the input channel, its encode node writes the output channel, and a tap on
     * the encode node hands the session every output frame, whose metadata goes to the events channel.
     */
    private void startStream(Session s, Map<String, Object> params) throws PipelineDefinitionException {
        PipelineDefinition d = pipelines.definition(s.pipeline).orElseThrow();
        String decode = node(d, MediaStages.DECODE);
        String encode = node(d, MediaStages.ENCODE);
        params.put(decode + "." + MediaStages.DECODE_INPUT, MediaStages.CHANNEL_PREFIX + s.input.name());
        params.put(encode + "." + MediaStages.ENCODE_OUTPUT, MediaStages.CHANNEL_PREFIX + s.output.name());
        StreamHandle stream = pipelines.start(s.pipeline, STREAM_PREFIX + s.id, params);
        stream.tap(encode, (streamId, node, frame) -> s.frameEvent(frame));
        s.stream = stream;
    }

    private static String node(PipelineDefinition d, String type) throws PipelineDefinitionException {
        List<NodeDefinition> found = d.nodes().stream().filter(n -> n.type().equals(type)).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("pipeline '" + d.name() + "' needs exactly one '" + type
                    + "' node to run live, has " + found.size());
        }
        return found.get(0).name();
    }

    private HttpReply pay(String id, HttpCall call) throws IOException {
        Session s = sessions.get(id);
        if (s == null || s.stream == null) {
            return error(404, "session " + id + " does not exist");
        }
        Map<?, ?> body = JSON.readValue(call.body(), Map.class);
        if (!(body.get("data") instanceof String data)) {
            return error(400, "payment for " + id + ": expected {\"scheme\":..., \"data\": base64}");
        }
        PaymentReceiver payments = receiver(s);
        if (payments == null) {
            return error(503, "session " + id + ": no payment receiver for scheme '" + s.scheme + "' now; retry");
        }
        Receipt r = payments.receive(id, Base64.getDecoder().decode(data));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("credited", r.credited().toString());
        m.put("balance", r.balance().toString());
        m.put("rejections", r.rejections().stream().map(x -> x.reason() + ": " + x.detail()).toList());
        // Machine-readable, so that a gateway can fetch fresh terms on EXPIRED or TERMS_MISMATCH and pay again.
        m.put("reasons", r.rejections().stream().map(x -> x.reason().name()).distinct().toList());
        return HttpReply.json(r.accepted() ? 200 : 402, JSON.writeValueAsString(m));
    }

    /** Every second: debit each session for that second; every status period: publish each session's status. */
    private void tick() {
        try {
            boolean status = ++ticks * 1000 % Math.max(1000, settings.statusMillis()) == 0;
            for (Session s : sessions.values()) {
                if (s.stream == null) {
                    continue;
                }
                PaymentReceiver payments = receiver(s);
                if (payments == null) {
                    // The payment bundle is being replaced: the seconds are owed, not free, and are debited from
                    // the next receiver of the scheme; a session left without one for too long ends.
                    if (++s.unpaidSeconds > MAX_UNPAID_SECONDS) {
                        sessions.remove(s.id);
                        stop(s, "no payment receiver for scheme '" + s.scheme + "' for " + MAX_UNPAID_SECONDS + " s");
                    }
                    continue;
                }
                try {
                    payments.debit(s.id, price, 1 + s.unpaidSeconds);
                    s.unpaidSeconds = 0;
                } catch (PaymentRequiredException e) {
                    LOG.info(() -> settings.address() + ": session " + s.id + " ended: " + e.getMessage());
                    sessions.remove(s.id);
                    stop(s, e.getMessage());
                    continue;
                }
                if (status) {
                    s.publishStatus(payments.balance(s.id).toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "orchestrator tick failed", e);
        }
    }

    private void stop(Session s, String why) {
        s.end(why);
        for (String name : List.of(s.input.name(), s.output.name(), s.control.name(), s.events.name())) {
            server.unserve(name);
            channels.remove(name);
        }
        PaymentReceiver payments = receiver(s);
        if (payments != null) {
            payments.endSession(s.id);
        }
    }

    /**
     * The receiver holding the session's balance: its own while registered, else the best one of its scheme now
     * (which restored the balances its predecessor saved), else {@code null}.
     */
    private PaymentReceiver receiver(Session s) {
        PaymentReceiver own = s.receiver;
        if (own != null && receivers.contains(own)) {
            return own;
        }
        PaymentReceiver next = receivers.best(s.scheme).orElse(null);
        if (next != null) {
            s.receiver = next;
            LOG.info(() -> settings.address() + ": session " + s.id + " continues with a new '" + s.scheme
                    + "' payment receiver");
        }
        return next;
    }

    private static HttpReply error(int status, String message) throws IOException {
        return HttpReply.json(status, JSON.writeValueAsString(Map.of("error", message)));
    }

    /** Stops listening, then ends every session. */
    @Override
    public void close() {
        ticker.shutdownNow();
        server.close();
        for (Session s : sessions.values()) {
            if (s.stream != null) {
                stop(s, "orchestrator stopped");
            }
        }
        sessions.clear();
    }
}
