package org.framegrid.orchestrator.internal;

import java.math.BigInteger;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.payment.api.PaymentException;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.Receipt;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.json.HttpProblem;
import org.framegrid.trickle.json.JsonCall;
import org.framegrid.trickle.json.JsonRoutes;

/**
 * The orchestrator's HTTP API (JSON): {@code GET /v1/info[?sender=0x..]}; {@code POST /v1/sessions} {pipeline, params,
 * sender, payment: {scheme, data (base64)}} → 201 {id, input, output, control, events, balanceWei} | 402 {required,
 * balance, shortfall} | 503; {@code POST /v1/sessions/ID/payment} {scheme, data} → {credited, balance, rejections,
 * reasons} (402 when refused, 409 before the session made any output); {@code DELETE /v1/sessions/ID};
 * {@code GET /v1/pipelines/NAME} (an offered pipeline's nodes and properties, {@link PipelineDescription});
 * {@code GET /v1/openapi.json} (the document of this API and the node's trickle channels). A session the node ended
 * itself (balance run out, pipeline cannot run) answers 410 with why, for the last {@value SessionManager#ENDED_KEPT}
 * such sessions.
 */
final class OrchestratorRoutes {
    private static final Logger LOG = Logger.getLogger(OrchestratorRoutes.class.getName());
    private static final String VERSION = "0.1.0";

    private final OrchestratorSettings settings;
    private final PipelineService pipelines;
    private final StageCatalog catalog;
    private final SessionManager sessions;
    private final PaymentReceivers receivers;
    private final PaymentMeter meter;
    private final TrickleServer server;
    private final PipelineWarmup warmup;

    OrchestratorRoutes(OrchestratorSettings settings, PipelineService pipelines, StageCatalog catalog,
                       SessionManager sessions, PaymentReceivers receivers, PaymentMeter meter, TrickleServer server,
                       PipelineWarmup warmup) {
        this.settings = settings;
        this.pipelines = pipelines;
        this.catalog = catalog;
        this.sessions = sessions;
        this.receivers = receivers;
        this.meter = meter;
        this.server = server;
        this.warmup = warmup;
    }

    JsonRoutes routes() {
        return new JsonRoutes()
                .on("GET", "/v1/info", call -> info(call.http().query().get("sender")))
                .on("GET", "/v1/openapi.json", call -> OrchestratorDocument.reply())
                .on("GET", "/v1/pipelines/{name}", call -> JsonRoutes.reply(200, describe(call.param("name"))))
                .on("POST", "/v1/sessions", this::start)
                .on("POST", "/v1/sessions/{id}/payment", this::pay)
                .on("DELETE", "/v1/sessions/{id}", call -> {
                    Session s = session(call.param("id"));
                    // A gateway that gave up on a session whose pipeline never ran (its stall check may be first)
                    // is told why, and so is the operator.
                    String neverRan = s.neverRan();
                    if (neverRan == null) {
                        sessions.stop(s, "stopped by the gateway");
                        return JsonRoutes.reply(200, Map.of("stopped", s.id));
                    }
                    LOG.warning(() -> settings.address() + ": session " + s.id + " (" + s.pipeline + ") stopped by "
                            + "the gateway: " + neverRan);
                    sessions.stop(s, neverRan);
                    return JsonRoutes.reply(200, Map.of("stopped", s.id, "error", "session " + s.id + " ended: "
                            + neverRan));
                });
    }

    /** An offered pipeline's nodes and the properties a stream may set on them, from the stage descriptors. */
    private PipelineDescription describe(String name) throws HttpProblem {
        if (catalog == null) {
            throw new HttpProblem(503, settings.address() + " has no stage catalog to describe pipelines with");
        }
        PipelineDefinition d = settings.pipelines().contains(name) ? pipelines.definition(name).orElse(null) : null;
        if (d == null) {
            throw new HttpProblem(404, "pipeline '" + name + "' is not offered here; offered: "
                    + settings.pipelines());
        }
        return PipelineDescription.of(d, catalog);
    }

    private Session session(String id) throws HttpProblem {
        Session s = sessions.get(id);
        if (s == null) {
            String why = sessions.endedReason(id);
            throw why != null ? new HttpProblem(410, "session " + id + " ended: " + why)
                    : new HttpProblem(404, "session " + id + " does not exist");
        }
        return s;
    }

    private HttpReply info(String sender) throws HttpProblem {
        PaymentReceiver payments = receivers.best().orElseThrow(() -> new HttpProblem(503, settings.address()
                + ": " + receivers.whyNone()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", settings.address());
        m.put("version", VERSION);
        Map<String, PipelineWarmup.State> warmups = warmup.states();
        m.put("pipelines", settings.pipelines().stream().map(p -> Map.of("name", p, "warm",
                pipelines.definition(p).isPresent() && warmup.warm(p), "warmup",
                warmups.get(p).name().toLowerCase(Locale.ROOT))).toList());
        m.put("capacity", settings.capacity());
        m.put("inUse", sessions.inUse());
        m.put("pricePerSecondWei", settings.pricePerSecondWei());
        m.put("initialSeconds", settings.initialSeconds());
        m.put("scheme", payments.scheme());
        if (sender != null) {
            try {
                m.put("terms", Base64.getEncoder().encodeToString(payments.terms(sender).data()));
            } catch (PaymentException e) {
                throw new HttpProblem(503, "no payment terms for " + sender + " now: " + e.getMessage());
            }
        }
        return JsonRoutes.reply(200, m);
    }

    private HttpReply start(JsonCall call) throws HttpProblem {
        Map<String, Object> body = call.body("session request");
        String pipeline = String.valueOf(body.get("pipeline"));
        String sender = String.valueOf(body.get("sender"));
        // The payment's scheme picks the receiver; without one, the receiver whose terms /v1/info handed out now.
        Map<?, ?> payment = body.get("payment") instanceof Map<?, ?> pm ? pm : Map.of();
        String scheme = payment.get("scheme") instanceof String sc ? sc : null;
        PaymentReceiver payments = (scheme == null ? receivers.best() : receivers.best(scheme)).orElseThrow(() ->
                new HttpProblem(503, scheme == null ? settings.address() + ": " + receivers.whyNone()
                        : "no payment receiver for scheme '" + scheme + "' on " + settings.address() + " now"));
        if (!settings.pipelines().contains(pipeline) || pipelines.definition(pipeline).isEmpty()) {
            throw new HttpProblem(404, "pipeline '" + pipeline + "' is not offered here; offered: "
                    + settings.pipelines());
        }
        byte[] paid = payment.containsKey("data") ? JsonRoutes.base64("session request: payment.data",
                payment.get("data")) : null;
        long t = System.nanoTime();
        String id = sessions.reserve();
        if (id == null) {
            throw new HttpProblem(503, "over capacity: " + sessions.inUse() + " of " + settings.capacity()
                    + " sessions running");
        }
        BigInteger balance;
        try {
            if (paid != null) {
                payments.receive(id, paid);
            }
            balance = payments.balance(id);
        } catch (RuntimeException e) {
            sessions.release(id);
            payments.endSession(id);
            throw e;
        }
        BigInteger required = meter.required();
        if (balance.compareTo(required) < 0) {
            sessions.release(id);
            payments.endSession(id);
            return JsonRoutes.reply(402, Map.of("error", "payment required: the initial payment must cover "
                    + settings.initialSeconds() + " s = " + required + " wei, got " + balance + " wei",
                    "required", required, "balance", balance, "shortfall", required.subtract(balance)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = body.get("params") instanceof Map<?, ?> m ? new LinkedHashMap<>(
                (Map<String, Object>) m) : new LinkedHashMap<>();
        long paidAt = System.nanoTime();
        Session s;
        try {
            s = sessions.open(id, pipeline, sender, payments, params);
        } catch (PipelineDefinitionException | RuntimeException e) {
            throw new HttpProblem(400, "session for '" + pipeline + "' did not start: " + e.getMessage());
        }
        long started = System.nanoTime();
        LOG.info(() -> settings.address() + ": session " + id + " (" + pipeline + ") opened in "
                + (started - t) / 1_000_000 + " ms (payment " + (paidAt - t) / 1_000_000 + " ms, pipeline "
                + (started - paidAt) / 1_000_000 + " ms)");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("input", server.channelUri(s.input.name()).toString());
        m.put("output", server.channelUri(s.output.name()).toString());
        m.put("control", server.channelUri(s.control.name()).toString());
        m.put("events", server.channelUri(s.events.name()).toString());
        m.put("balanceWei", balance);
        return JsonRoutes.reply(201, m);
    }

    private HttpReply pay(JsonCall call) throws HttpProblem {
        Session s = session(call.param("id"));
        Map<String, Object> body = call.body("payment for " + s.id);
        if (!body.containsKey("data")) {
            throw new HttpProblem(400, "payment for " + s.id + ": expected {\"scheme\":..., \"data\": base64}");
        }
        byte[] data = JsonRoutes.base64("payment for " + s.id + ": data", body.get("data"));
        if (!s.madeOutput()) {
            // Never credit frames that did not flow: a pipeline that cannot run would be paid until it is found out.
            throw new HttpProblem(409, "payment for " + s.id + " not taken: the session has made no output yet (its"
                    + " initial payment covers its start)");
        }
        PaymentReceiver payments = receivers.holding(s);
        if (payments == null) {
            throw new HttpProblem(503, "session " + s.id + ": no payment receiver for scheme '" + s.scheme
                    + "' now; retry");
        }
        Receipt r = payments.receive(s.id, data);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("credited", r.credited());
        m.put("balance", r.balance());
        m.put("rejections", r.rejections().stream().map(x -> x.reason() + ": " + x.detail()).toList());
        // Machine-readable, so that a gateway can fetch fresh terms on EXPIRED or TERMS_MISMATCH and pay again.
        m.put("reasons", r.rejections().stream().map(x -> x.reason().name()).distinct().toList());
        return JsonRoutes.reply(r.accepted() ? 200 : 402, m);
    }
}
