package org.framegrid.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One page of a {@link Chromium}, driven over the DevTools protocol: evaluate JavaScript, take a screenshot. */
final class CdpPage implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    CdpPage(Chromium browser, String url) throws Exception {
        URI base = URI.create(browser.devtools.replace("ws://", "http://"));
        JsonNode pages = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String target = null;
        for (JsonNode p : pages) {
            if (p.path("url").asText().startsWith(url)) {
                target = p.path("webSocketDebuggerUrl").asText();
            }
        }
        if (target == null) {
            throw new IllegalStateException("Chromium has no page " + url + ": " + pages);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(target), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        JsonNode reply = JSON.readTree(text.toString());
                        CompletableFuture<JsonNode> f = pending.remove(reply.path("id").asInt(-1));
                        if (f != null) {
                            f.complete(reply);
                        }
                    } catch (Exception e) {
                        // an event we cannot read is not a reply we wait for
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(JSON.writeValueAsString(msg), true);
        JsonNode reply = f.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** @return the value of a JavaScript expression, as JSON (the expression is wrapped in JSON.stringify) */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode()
                .put("expression", "JSON.stringify(" + expression + ")").put("returnByValue", true));
        String value = r.path("result").path("value").asText(null);
        return value == null ? JSON.nullNode() : JSON.readTree(value);
    }

    /** @return a PNG of the page as it is now */
    byte[] screenshot() throws Exception {
        JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        return Base64.getDecoder().decode(r.path("data").asText());
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
