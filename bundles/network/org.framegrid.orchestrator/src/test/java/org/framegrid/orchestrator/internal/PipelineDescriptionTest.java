package org.framegrid.orchestrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/pipelines/NAME} describes an offered pipeline from the stage descriptors registered now: each node's
 * properties with type, range, allowed names, default, the value the file sets and the description; a pipeline that
 * is not offered is 404 with one line.
 */
class PipelineDescriptionTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOfferedPipelineIsDescribedFromItsStageDescriptors() throws Exception {
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        try (EmbeddedEngine engine = new EmbeddedEngine(1000, false)) {
            engine.addProvider(Providers.stage("test-source"), 0, 1, "util");
            engine.addProvider(Providers.stage("resize"), 0, 2, "util");
            engine.addProvider(Providers.stage("convert"), 0, 3, "util");
            engine.addProvider(Providers.stage("overlay"), 0, 4, "util");
            engine.addProvider(Providers.stage("null"), 0, 5, "util");
            engine.register(new PipelineDefinition("styled", "test", "7", List.of(
                    new NodeDefinition("src", "test-source", Map.of()),
                    new NodeDefinition("size", "resize", Map.of("width", 320)),
                    new NodeDefinition("grey", "convert", Map.of("format", "GRAY8")),
                    new NodeDefinition("draw", "overlay", Map.of()),
                    new NodeDefinition("out", "null", Map.of())),
                    List.of(new EdgeDefinition("src", "size", null), new EdgeDefinition("size", "draw", null),
                            new EdgeDefinition("draw", "grey", null), new EdgeDefinition("grey", "out", null)),
                    QueuePolicy.LATEST, null));
            try (Orchestrator node = new Orchestrator(new OrchestratorSettings("0xo", "127.0.0.1", 0, false,
                    List.of("styled", "elsewhere"), 1, BigInteger.ONE, 10, 1000), engine, engine,
                    new MemorySegmentChannels(5), new PaymentReceivers(), servers, null)) {
                HttpResponse<String> r = get(node.uri(), "/v1/pipelines/styled");
                assertEquals(200, r.statusCode(), r.body());
                JsonNode d = new ObjectMapper().readTree(r.body());
                assertEquals("styled", d.path("name").asText());
                assertEquals("7", d.path("revision").asText());
                assertEquals(5, d.path("nodes").size(), r.body());

                JsonNode width = property(d, "size", "width");
                assertEquals("size.width", width.path("key").asText());
                assertEquals("INTEGER", width.path("type").asText());
                assertEquals(640, width.path("defaultValue").asInt());
                assertEquals(320, width.path("value").asInt(), "the value the pipeline file sets");
                assertEquals(1.0, width.path("min").asDouble());
                assertEquals(7680.0, width.path("max").asDouble());
                assertTrue(width.path("live").asBoolean());
                assertEquals("Output width in pixels.", width.path("description").asText());

                JsonNode format = property(d, "grey", "format");
                assertEquals("ENUM", format.path("type").asText());
                assertTrue(format.path("allowed").toString().contains("\"GRAY8\""), format.toString());
                assertEquals("GRAY8", format.path("value").asText());
                assertTrue(!format.path("live").asBoolean(), "a format change restarts the node");
                assertTrue(format.path("fixed").asBoolean(), "the output format is set when a stream starts only");
                assertTrue(!width.path("fixed").asBoolean(), r.body());
                assertEquals("BOOLEAN", property(d, "draw", "labels").path("type").asText());
                assertEquals("STRING", property(d, "draw", "color").path("type").asText());
                assertTrue(property(d, "draw", "color").path("value").isNull(), "not set in the file: the default");
                assertTrue(d.path("nodes").get(1).path("description").asText().length() > 3, r.body());

                HttpResponse<String> notOffered = get(node.uri(), "/v1/pipelines/copy");
                assertEquals(404, notOffered.statusCode(), notOffered.body());
                assertTrue(notOffered.body().contains("'copy' is not offered here"), notOffered.body());
                HttpResponse<String> unregistered = get(node.uri(), "/v1/pipelines/elsewhere");
                assertEquals(404, unregistered.statusCode(), unregistered.body());
            }
        } finally {
            ((AutoCloseable) servers).close();
        }
    }

    private static JsonNode property(JsonNode description, String node, String name) {
        for (JsonNode n : description.path("nodes")) {
            if (n.path("name").asText().equals(node)) {
                for (JsonNode p : n.path("properties")) {
                    if (p.path("name").asText().equals(name)) {
                        return p;
                    }
                }
            }
        }
        throw new AssertionError("no property " + node + "." + name + " in " + description);
    }

    private HttpResponse<String> get(URI node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
