package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.orchestrator.embedded.EmbeddedOrchestrator;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The auth webhook, a small HTTP server on 127.0.0.1, decides who starts which stream: it sees the request (stream,
 * type, pipeline, params, the Authorization header), its 2xx body replaces the pipeline and params of a stream that
 * really starts on an orchestrator, its 401 and 403 deny with one line, and an unreachable webhook answers 503.
 */
@Timeout(60)
class AuthWebhookTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final LinkedBlockingQueue<JsonNode> asked = new LinkedBlockingQueue<>();

    @Test
    void theWebhookAuthorisesAndOverridesStreams() throws Exception {
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/auth", this::decide);
        webhook.start();
        MemorySegmentChannels channels = new MemorySegmentChannels(5);
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        try (EmbeddedEngine engine = NetworkTest.passthroughEngine(channels);
             EmbeddedOrchestrator orchestrator = new EmbeddedOrchestrator(new OrchestratorSettings("0xorch",
                     "127.0.0.1", 0, false, List.of("live-passthrough"), 2, BigInteger.ONE, 10, 1000), engine,
                     channels, new TestPayments(1), servers);
             Gateway gateway = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0,
                     List.of(orchestrator.uri()), Map.of(), BigInteger.valueOf(5_000), 2_000, 1_500), channels,
                     Providers.service(OrchestratorSelector.class), new TestPayments(1), servers)) {
            gateway.allowPlainHttp(true); // plain HTTP between nodes here: this test is about the webhook, not TLS
            IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                    () -> gateway.useAuthWebhook("127.0.0.1:9/auth"));
            assertEquals("auth.webhook: '127.0.0.1:9/auth' is not an http(s) URL", malformed.getMessage());
            gateway.useAuthWebhook("http://127.0.0.1:" + webhook.getAddress().getPort() + "/auth");

            HttpResponse<String> started = start(gateway, "Bearer good");
            assertEquals(201, started.statusCode(), started.body());
            JsonNode request = asked.take();
            assertTrue(request.path("stream").isNull(), request.toString());
            assertEquals("api", request.path("type").asText());
            assertEquals("asked-for", request.path("pipeline").asText());
            assertEquals(1, request.path("params").path("a").asInt());
            assertEquals("Bearer good", request.path("headers").path("authorization").asText());
            String id = json.readTree(started.body()).path("id").asText();
            JsonNode report = json.readTree(get(gateway, "/v1/streams/" + id).body());
            assertEquals("live-passthrough", report.path("pipeline").asText(), "the webhook's pipeline runs");
            // The client's {"a": 1} names no node: the stream started only because the webhook's params replaced it.
            assertEquals(Map.of("enc.fps", 20), json.convertValue(report.path("params"), Map.class),
                    report.toString());

            HttpResponse<String> expired = start(gateway, "Bearer expired");
            assertEquals(401, expired.statusCode());
            assertEquals("stream request: denied by the auth webhook (401: key expired)",
                    json.readTree(expired.body()).path("error").asText());
            assertEquals("Bearer expired", asked.take().path("headers").path("authorization").asText());
            HttpResponse<String> anonymous = start(gateway, null);
            assertEquals(403, anonymous.statusCode());
            assertTrue(anonymous.body().contains("(403: not on the list)"), anonymous.body());
            assertNull(asked.take().path("headers").get("authorization"), "no header, none passed on");

            HttpResponse<String> whip = http.send(HttpRequest.newBuilder(URI.create(gateway.uri()
                    + "/live/video-to-video/cam/whip?pipeline=live-passthrough")).header("Content-Type",
                    "application/sdp").POST(HttpRequest.BodyPublishers.ofString("v=0\r\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, whip.statusCode(), whip.body());
            assertTrue(whip.body().contains("WHIP cam: denied by the auth webhook"), whip.body());
            JsonNode whipRequest = asked.take();
            assertEquals("cam", whipRequest.path("stream").asText());
            assertEquals("whip", whipRequest.path("type").asText());
            assertEquals(1, gateway.streams().size(), "denied requests started nothing: " + gateway.streams());

            webhook.stop(0);
            HttpResponse<String> unreachable = start(gateway, "Bearer good");
            assertEquals(503, unreachable.statusCode());
            assertTrue(unreachable.body().contains("the auth webhook cannot be reached"), unreachable.body());
            gateway.stop(id);
        } finally {
            webhook.stop(0);
            ((AutoCloseable) servers).close();
        }
    }

    /** The operator's decision, by the caller's key. */
    private void decide(HttpExchange exchange) throws IOException {
        JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
        asked.add(request);
        String key = request.path("headers").path("authorization").asText("");
        int status = switch (key) {
            case "Bearer good" -> 200;
            case "Bearer expired" -> 401;
            default -> 403;
        };
        String body = switch (status) {
            case 200 -> "{\"pipeline\":\"live-passthrough\",\"pipeline_parameters\":{\"enc.fps\":20},\"other\":1}";
            case 401 -> "key expired\nsecond line not shown";
            default -> "not on the list";
        };
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private HttpResponse<String> start(Gateway gateway, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.uri() + "/v1/streams"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"pipeline\":\"asked-for\",\"params\":{\"a\":1}}"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Gateway gateway, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
