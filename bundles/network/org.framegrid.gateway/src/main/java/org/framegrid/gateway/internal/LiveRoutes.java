package org.framegrid.gateway.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.json.HttpProblem;
import org.framegrid.trickle.json.JsonCall;
import org.framegrid.trickle.json.JsonRoutes;
import org.framegrid.webrtc.api.IceServer;
import org.framegrid.webrtc.api.Peer;
import org.framegrid.webrtc.api.WebRtcException;

/**
 * The go-livepeer-compatible live API beside {@code /v1}: {@code POST /live/video-to-video/{stream}/whip} (an SDP
 * offer; query {@code pipeline}, {@code params} as JSON) → 201 with the SDP answer and the WHIP resource in
 * {@code Location}, which takes {@code PATCH} (trickled candidates) and {@code DELETE}; {@code POST …/whep} the same
 * for a viewer; {@code POST …/update} (params, JSON) and {@code GET …/status}.
 */
final class LiveRoutes {
    static final String PREFIX = "/live/video-to-video/";
    private static final String SDP = "application/sdp";

    private final Gateway gateway;
    private final WebRtcEdge edge;

    LiveRoutes(Gateway gateway, WebRtcEdge edge) {
        this.gateway = gateway;
        this.edge = edge;
    }

    JsonRoutes routes() {
        return new JsonRoutes()
                .on("POST", PREFIX + "{stream}/whip", this::whip)
                .on("POST", PREFIX + "{stream}/whep", this::whep)
                .on("PATCH", PREFIX + "{stream}/{kind}/{peer}", this::trickle)
                .on("DELETE", PREFIX + "{stream}/{kind}/{peer}", this::delete)
                .on("POST", PREFIX + "{stream}/update", call -> {
                    GatewayStream s = stream(call);
                    s.update(call.body("params of stream " + call.param("stream")));
                    return JsonRoutes.reply(200, s.paramsCopy());
                })
                .on("GET", PREFIX + "{stream}/status", call -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    WebRtcEdge.Live live = edge.live(call.param("stream"));
                    m.put("stream", live.name());
                    m.put("whep_url", PREFIX + live.name() + "/whep");
                    m.put("publisher", live.publisher().stats());
                    m.put("viewers", live.viewers().stream().map(Peer::stats).toList());
                    m.put("gateway", stream(call).status());
                    return JsonRoutes.reply(200, m);
                });
    }

    private GatewayStream stream(JsonCall call) throws HttpProblem {
        String id = edge.live(call.param("stream")).streamId();
        GatewayStream s = gateway.stream(id);
        if (s == null) {
            String why = gateway.endedReason(id);
            throw why != null ? new HttpProblem(410, "stream '" + call.param("stream") + "' ended: " + why)
                    : new HttpProblem(404, "stream '" + call.param("stream") + "' has ended");
        }
        return s;
    }

    private HttpReply whip(JsonCall call) throws HttpProblem, InterruptedException {
        String name = call.param("stream");
        gateway.apiKeys().check(call.http(), "WHIP " + name);
        String pipeline = call.http().query().get("pipeline");
        if (pipeline == null || pipeline.isBlank()) {
            throw new HttpProblem(400, "WHIP " + name + ": query parameter 'pipeline' (a pipeline name) is missing");
        }
        Map<String, Object> params = Map.of();
        String json = call.http().query().get("params");
        if (json != null && !json.isBlank()) {
            try {
                params = JsonRoutes.read(json.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new HttpProblem(400, "WHIP " + name + ": query parameter 'params' is not a JSON object");
            }
        }
        String sdp = offer(call);
        AuthWebhook.Decision allowed = gateway.auth().authorise(call.http(), "WHIP " + name, name, "whip", pipeline,
                params);
        WebRtcEdge.Live live = edge.publish(name, allowed.pipeline(), allowed.params(), sdp);
        return answer(live.publisher(), PREFIX + name + "/whip/" + live.publisher().id(), live.streamId());
    }

    private HttpReply whep(JsonCall call) throws HttpProblem {
        String name = call.param("stream");
        Peer viewer = edge.view(name, offer(call));
        return answer(viewer, PREFIX + name + "/whep/" + viewer.id(), edge.live(name).streamId());
    }

    private HttpReply trickle(JsonCall call) throws HttpProblem {
        try {
            edge.peer(call.param("stream"), call.param("peer")).addCandidates(call.http().text());
        } catch (WebRtcException e) {
            throw new HttpProblem(e.status(), e.getMessage());
        }
        return new HttpReply(204, "text/plain", Map.of(), new byte[0]);
    }

    private HttpReply delete(JsonCall call) throws HttpProblem {
        String name = call.param("stream");
        Peer peer = edge.peer(name, call.param("peer"));
        if (call.param("kind").equals("whip")) {
            gateway.stop(edge.live(name).streamId());
        } else {
            peer.close();
        }
        return JsonRoutes.reply(200, Map.of("ended", peer.id()));
    }

    private static String offer(JsonCall call) throws HttpProblem {
        String type = call.http().headers().getOrDefault("content-type", "");
        if (!type.startsWith(SDP)) {
            throw new HttpProblem(415, "WHIP/WHEP: the offer must be sent as " + SDP + ", not '" + type + "'");
        }
        return call.http().text();
    }

    /** RFC 9725 §4.2: 201, the answer, the resource, and the ICE servers as Link headers. */
    private HttpReply answer(Peer peer, String location, String streamId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location);
        headers.put("X-Framegrid-Stream", streamId);
        String links = edge.iceServers().stream().map(LiveRoutes::link).collect(Collectors.joining(", "));
        if (!links.isEmpty()) {
            headers.put("Link", links);
        }
        return new HttpReply(201, SDP, headers, peer.answer().getBytes(StandardCharsets.UTF_8));
    }

    private static String link(IceServer s) {
        return s.urls().stream().map(url -> "<" + url + ">; rel=\"ice-server\""
                + (s.username() == null ? "" : "; username=\"" + s.username() + "\"; credential=\""
                + s.credential() + "\"; credential-type=\"password\"")).collect(Collectors.joining(", "));
    }
}
