package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CORS over real HTTP: closed by default (a foreign origin's preflight and requests are refused, no
 * {@code Access-Control-*} headers), the node's own page and clients without {@code Origin} pass, and a configured
 * origin gets its preflight answered and the headers on replies.
 */
class CorsTest {
    private static final String APP = "http://app.example:3000";
    private static final String FOREIGN = "http://elsewhere.example";
    private final HttpClient http = HttpClient.newHttpClient();
    private TrickleServerFactory servers;
    private Gateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        servers = Providers.service(TrickleServerFactory.class);
        gateway = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, List.of(), Map.of(), BigInteger.ONE,
                2_000, 1_500), new MemorySegmentChannels(5), Providers.service(OrchestratorSelector.class),
                new TestPayments(1), servers);
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
        ((AutoCloseable) servers).close();
    }

    @Test
    void closedByDefaultExceptTheNodesOwnPage() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "/v1/streams", FOREIGN, "POST");
        assertEquals(403, preflight.statusCode(), preflight.body());
        assertTrue(preflight.body().contains("origin " + FOREIGN + " is not allowed"), preflight.body());
        assertNoCorsHeaders(preflight);

        // A form's text/plain POST is sent without a preflight: it must not start anything either.
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(gateway.uri() + "/v1/streams"))
                .header("Origin", FOREIGN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pipeline\":\"faces\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, start.statusCode(), start.body());
        assertNoCorsHeaders(start);
        assertEquals(403, send("GET", "/live/video-to-video/cam/status", FOREIGN, null).statusCode());
        assertEquals(403, send("GET", "/hls/x/index.m3u8", FOREIGN, null).statusCode());

        HttpResponse<String> ownPage = send("GET", "/v1/streams", gateway.uri().toString(), null);
        assertEquals(200, ownPage.statusCode(), ownPage.body());
        assertNoCorsHeaders(ownPage);
        HttpResponse<String> noOrigin = send("GET", "/page/", null, null);
        assertEquals(200, noOrigin.statusCode());
        assertNoCorsHeaders(noOrigin);
    }

    @Test
    void aConfiguredOriginIsAnsweredWithTheHeaders() throws Exception {
        gateway.allowOrigins(List.of(APP + "/", " "));
        HttpResponse<String> preflight = send("OPTIONS", "/live/video-to-video/cam/whip", APP, "POST");
        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals(APP, header(preflight, "access-control-allow-origin"));
        assertTrue(header(preflight, "access-control-allow-methods").contains("POST"));
        assertTrue(header(preflight, "access-control-allow-methods").contains("DELETE"));
        assertTrue(header(preflight, "access-control-allow-headers").contains("Authorization"));

        HttpResponse<String> list = send("GET", "/v1/streams", APP, null);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals("[]", list.body());
        assertEquals(APP, header(list, "access-control-allow-origin"));
        assertTrue(header(list, "access-control-expose-headers").contains("Location"));
        HttpResponse<String> missing = send("GET", "/v1/streams/nope", APP, null);
        assertEquals(404, missing.statusCode());
        assertEquals(APP, header(missing, "access-control-allow-origin"), "errors are readable by the app too");

        HttpResponse<String> other = send("OPTIONS", "/v1/streams", FOREIGN, "POST");
        assertEquals(403, other.statusCode());
        assertNoCorsHeaders(other);
    }

    private HttpResponse<String> send(String method, String path, String origin, String requestMethod)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.uri() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (requestMethod != null) {
            b.header("Access-Control-Request-Method", requestMethod);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    private static void assertNoCorsHeaders(HttpResponse<?> r) {
        assertTrue(r.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")),
                "no CORS headers: " + r.headers().map());
    }
}
