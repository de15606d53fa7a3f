package org.framegrid.gateway.internal;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.HttpHandler;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.json.JsonRoutes;

/**
 * Which web origins may call the gateway from a browser (CORS), closed by default: a request without
 * {@code Origin} (OBS, ffmpeg, curl) and one from the node's own page (same origin) pass as they are; one from a
 * configured origin gets the {@code Access-Control-*} headers and its preflight ({@code OPTIONS}) is answered 204;
 * any other origin is refused 403 with one line, preflight or not, so that a foreign page cannot start streams even
 * with a request the browser sends without asking first (a form's text/plain POST). Thread-safe.
 */
final class CorsPolicy {
    private static final String METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
    private static final String HEADERS = "Authorization, Content-Type";
    /** What a WHIP/WHEP client and the API's users read from replies. */
    private static final String EXPOSED = "Location, Link, X-Framegrid-Stream";
    private volatile Set<String> origins = Set.of();

    /** @param origins the allowed origins, e.g. {@code https://app.example.com}; empty: only the node's own page */
    void allow(List<String> origins) {
        this.origins = Set.copyOf(origins.stream().map(String::strip).filter(o -> !o.isEmpty())
                .map(o -> o.replaceAll("/+$", "")).toList());
    }

    /** @return {@code handler} answering only the origins this policy allows */
    HttpHandler guard(HttpHandler handler) {
        return call -> {
            String origin = call.headers().get("origin");
            if (origin == null || sameOrigin(origin, call)) {
                return handler.handle(call);
            }
            if (!origins.contains(origin)) {
                return JsonRoutes.error(403, call.method() + " " + call.path() + ": origin " + origin
                        + " is not allowed on this gateway (cors.origins)");
            }
            Map<String, String> headers = new HashMap<>();
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Vary", "Origin");
            if (call.method().equals("OPTIONS")) {
                headers.put("Access-Control-Allow-Methods", METHODS);
                headers.put("Access-Control-Allow-Headers", HEADERS);
                headers.put("Access-Control-Max-Age", "600");
                return new HttpReply(204, "text/plain; charset=utf-8", headers, new byte[0]);
            }
            headers.put("Access-Control-Expose-Headers", EXPOSED);
            HttpReply reply = handler.handle(call);
            headers.putAll(reply.headers());
            return new HttpReply(reply.status(), reply.contentType(), headers, reply.body(), reply.streamed());
        };
    }

    /** The page the node serves calls it with its own scheme, host and port: the Host the request was sent to. */
    private static boolean sameOrigin(String origin, HttpCall call) {
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(call.headers().getOrDefault("host", ""));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
