package org.framegrid.gateway.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.json.HttpProblem;
import org.framegrid.trickle.json.JsonCall;
import org.framegrid.trickle.json.JsonRoutes;

/**
 * The gateway's developer API (JSON): {@code POST /v1/streams} {pipeline, params} → 201 {id, input, output,
 * orchestrator}; {@code GET /v1/streams/ID} (a {@link StreamReport}); {@code POST /v1/streams/ID/params};
 * {@code POST /v1/streams/ID/events} {event, node?} (an app event for an interactive pipeline, at once);
 * {@code DELETE /v1/streams/ID}; {@code GET /v1/streams} (every stream's report); {@code GET /v1/openapi.json} (the
 * document of this API and the gateway's other routes); {@code GET /v1/orchestrators} (what
 * discovery knows). The app publishes MPEG-TS
 * segments to {@code input} and reads processed ones from {@code output} (trickle channels).
 */
final class GatewayRoutes {
    private final Gateway gateway;

    GatewayRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    JsonRoutes routes() {
        return new JsonRoutes()
                .on("POST", "/v1/streams", this::start)
                .on("GET", "/v1/orchestrators", call -> JsonRoutes.reply(200, gateway.discovery().report()))
                .on("GET", "/v1/streams", call -> JsonRoutes.reply(200, gateway.reports()))
                .on("GET", "/v1/openapi.json", call -> ApiDocument.reply())
                .on("GET", "/v1/streams/{id}", call -> JsonRoutes.reply(200, stream(call).status()))
                .on("DELETE", "/v1/streams/{id}", call -> {
                    String id = stream(call).id;
                    gateway.stop(id);
                    return JsonRoutes.reply(200, Map.of("stopped", id));
                })
                .on("POST", "/v1/streams/{id}/params", call -> {
                    GatewayStream s = stream(call);
                    s.update(call.body("params of stream " + s.id));
                    return JsonRoutes.reply(200, s.paramsCopy());
                })
                .on("POST", "/v1/streams/{id}/events", this::event);
    }

    /** {@code {"event": {...}, "node"?: NAME}}: an app event for the stream's pipeline (its sources by default). */
    private HttpReply event(JsonCall call) throws HttpProblem, IOException, InterruptedException {
        GatewayStream s = stream(call);
        Map<String, Object> body = call.body("event for stream " + s.id);
        if (!(body.get("event") instanceof Map<?, ?> event)) {
            throw new HttpProblem(400, "event for stream " + s.id + ": 'event' (a JSON object) is missing");
        }
        if (body.get("node") != null && !(body.get("node") instanceof String)) {
            throw new HttpProblem(400, "event for stream " + s.id + ": 'node' must be a node name");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) event;
        s.event((String) body.get("node"), e);
        return JsonRoutes.reply(202, Map.of("sent", true));
    }

    private GatewayStream stream(JsonCall call) throws HttpProblem {
        GatewayStream s = gateway.stream(call.param("id"));
        if (s == null) {
            String why = gateway.endedReason(call.param("id"));
            throw why != null ? new HttpProblem(410, "stream " + call.param("id") + " ended: " + why)
                    : new HttpProblem(404, "stream " + call.param("id") + " does not exist");
        }
        return s;
    }

    private HttpReply start(JsonCall call) throws HttpProblem, InterruptedException {
        gateway.apiKeys().check(call.http(), "stream request");
        Map<String, Object> body = call.body("stream request");
        if (!(body.get("pipeline") instanceof String pipeline)) {
            throw new HttpProblem(400, "stream request: 'pipeline' (a name) is missing");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = body.get("params") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        AuthWebhook.Decision allowed = gateway.auth().authorise(call.http(), "stream request", null, "api", pipeline,
                params);
        GatewayStream s;
        try {
            s = gateway.start(allowed.pipeline(), allowed.params());
        } catch (IOException e) {
            throw new HttpProblem(e instanceof OrchestratorApi.Refused r ? r.status : 503, e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id);
        m.put("input", s.input.endpoint());
        m.put("output", s.output.endpoint());
        m.put("orchestrator", s.status().orchestrator());
        return JsonRoutes.reply(201, m);
    }
}
