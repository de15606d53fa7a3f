package org.framegrid.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.HttpHandler;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.json.JsonRoutes;

/**
 * The gateway's browser page, {@code GET /page/}: plain files of this bundle (no build step), same origin as the API,
 * so the page needs no CORS.
 */
final class PageRoute implements HttpHandler {
    static final String PREFIX = "/page/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    @Override
    public HttpReply handle(HttpCall call) throws IOException {
        String name = call.path().substring(PREFIX.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        if (!call.method().equals("GET") || !name.matches("[a-z0-9-]+\\.[a-z]+") || !TYPES.containsKey(ext)) {
            return JsonRoutes.error(404, call.method() + " " + call.path() + ": no such page file");
        }
        try (InputStream in = PageRoute.class.getResourceAsStream("/page/" + name)) {
            if (in == null) {
                return JsonRoutes.error(404, "GET " + call.path() + ": no such page file");
            }
            return new HttpReply(200, TYPES.get(ext), Map.of("Cache-Control", "no-cache"), in.readAllBytes());
        }
    }
}
