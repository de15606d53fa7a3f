package org.framegrid.orchestrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the orchestrator serves matches what it serves: every documented operation reaches a route or
 * the trickle channels (not "no such endpoint/resource", not 405), every route {@link OrchestratorRoutes} declares is
 * documented, and so is every prefix {@link Orchestrator} routes and the channels' path.
 */
class OrchestratorDocumentTest {
    private static final Path SOURCES = Path.of("src/main/java/org/framegrid/orchestrator/internal");
    private static final Pattern ROUTE = Pattern.compile("\\.on\\(\"([A-Z]+)\", \"([^\"]+)\"");
    private static final Pattern PREFIX_ROUTE = Pattern.compile("server\\.route\\(\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyDocumentedOperationIsServedAndEveryRouteDocumented() throws Exception {
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        try (EmbeddedEngine engine = new EmbeddedEngine(1000, false);
             Orchestrator node = new Orchestrator(new OrchestratorSettings("0xorchestrator", "127.0.0.1", 0, false,
                     List.of("live-passthrough"), 1, BigInteger.ONE, 10, 1000), engine, new MemorySegmentChannels(5),
                     new PaymentReceivers(), servers, null)) {
            HttpResponse<String> served = send(node.uri(), "GET", "/v1/openapi.json");
            assertEquals(200, served.statusCode());
            JsonNode doc = new ObjectMapper().readTree(served.body());
            assertEquals("3.1.0", doc.path("openapi").asText());

            Set<String> documented = new TreeSet<>();
            for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    String method = operation.getKey();
                    if (method.equals("parameters")) {
                        continue;
                    }
                    documented.add(method.toUpperCase() + " " + shape(path.getKey()));
                    HttpResponse<String> r = send(node.uri(), method.toUpperCase(),
                            path.getKey().replace("{seq}", "0").replaceAll("\\{[^}]+}", "x"));
                    assertFalse(r.body().contains("no such endpoint") || r.body().contains("no such resource")
                                    || r.statusCode() == 405,
                            method + " " + path.getKey() + " is documented but not served: " + r.body());
                }
            }

            Set<String> declared = new TreeSet<>();
            Matcher m = ROUTE.matcher(Files.readString(SOURCES.resolve("OrchestratorRoutes.java")));
            while (m.find()) {
                declared.add(m.group(1) + " " + shape(m.group(2)));
            }
            assertTrue(declared.size() >= 5, "found the route declarations: " + declared);
            for (String route : declared) {
                assertTrue(documented.contains(route), route + " is served but not in the document " + documented);
            }
            Matcher p = PREFIX_ROUTE.matcher(Files.readString(SOURCES.resolve("Orchestrator.java")));
            Set<String> prefixes = new TreeSet<>(Set.of(TrickleServer.TRICKLE_PATH));
            while (p.find()) {
                prefixes.add(p.group(1));
            }
            assertEquals(2, prefixes.size(), "found the routed prefixes: " + prefixes);
            for (String prefix : prefixes) {
                assertTrue(documented.stream().anyMatch(op -> op.split(" ")[1].startsWith(prefix)),
                        "the routes under " + prefix + " are not in the document " + documented);
            }
        } finally {
            ((AutoCloseable) servers).close();
        }
    }

    private HttpResponse<String> send(URI node, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node + path)).method(method,
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String shape(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}
