package org.framegrid.gateway.internal;

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the gateway serves matches what it serves: every operation in the document reaches a route
 * (no "no such endpoint"), and every route its route classes declare, and every prefix it routes, is in the document.
 */
class ApiDocumentTest {
    private static final Path SOURCES = Path.of("src/main/java/org/framegrid/gateway/internal");
    private static final Pattern ROUTE = Pattern.compile("\\.on\\(\"([A-Z]+)\", (?:([A-Z_]+) \\+ )?\"([^\"]+)\"");
    private static final Pattern PREFIX_ROUTE = Pattern.compile("server\\.route\\(([A-Za-z]+)\\.PREFIX");
    private static final Map<String, String> PREFIXES = Map.of("LiveRoutes", LiveRoutes.PREFIX,
            "PageRoute", PageRoute.PREFIX, "HlsEgress", HlsEgress.PREFIX);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyDocumentedOperationIsServedAndEveryRouteDocumented() throws Exception {
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        try (Gateway gateway = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, List.of(), Map.of(),
                BigInteger.ONE, 2_000, 1_500), new MemorySegmentChannels(5),
                Providers.service(OrchestratorSelector.class), new TestPayments(1), servers)) {
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(gateway.uri()
                    + "/v1/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, served.statusCode());
            JsonNode doc = new ObjectMapper().readTree(served.body());
            assertEquals("3.1.0", doc.path("openapi").asText());

            Set<String> documented = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<String> ops = path.getValue().fieldNames(); ops.hasNext(); ) {
                    String method = ops.next().toUpperCase();
                    if (method.equals("PARAMETERS")) {
                        continue;
                    }
                    documented.add(method + " " + shape(path.getKey()));
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.uri()
                            + example(path.getKey()))).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertFalse(r.body().contains("no such endpoint") || r.statusCode() == 405,
                            method + " " + path.getKey() + " is documented but not served: " + r.body());
                }
            }

            for (String route : declaredRoutes()) {
                assertTrue(documented.contains(route), route + " is served but not in the document " + documented);
            }
            for (String prefix : routedPrefixes()) {
                assertTrue(documented.stream().anyMatch(op -> op.split(" ")[1].startsWith(prefix)),
                        "the routes under " + prefix + " are not in the document");
            }
        } finally {
            ((AutoCloseable) servers).close();
        }
    }

    /** @return "METHOD /path/{}" of every {@code .on(...)} in the route classes */
    private static Set<String> declaredRoutes() throws Exception {
        Set<String> routes = new TreeSet<>();
        try (var files = Files.list(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith("Routes.java")).toList()) {
                Matcher m = ROUTE.matcher(Files.readString(f));
                while (m.find()) {
                    String prefix = m.group(2) == null ? "" : PREFIXES.get(f.getFileName().toString()
                            .replace(".java", ""));
                    routes.add(m.group(1) + " " + shape(prefix + m.group(3)));
                }
            }
        }
        assertTrue(routes.size() >= 10, "found the route declarations: " + routes);
        return routes;
    }

    /** @return the prefixes the gateway routes to handlers */
    private static Set<String> routedPrefixes() throws Exception {
        Set<String> prefixes = new TreeSet<>();
        Matcher m = PREFIX_ROUTE.matcher(Files.readString(SOURCES.resolve("Gateway.java")));
        while (m.find()) {
            prefixes.add(PREFIXES.get(m.group(1)));
        }
        assertEquals(PREFIXES.size(), prefixes.size(), "found the routed prefixes: " + prefixes);
        return prefixes;
    }

    private static String shape(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }

    private static String example(String path) {
        return path.replace("{seq}", "0").replace("{segment}", "0.ts").replace("{file}", "index.html")
                .replace("{kind}", "whip").replaceAll("\\{[^}]+}", "x");
    }
}
