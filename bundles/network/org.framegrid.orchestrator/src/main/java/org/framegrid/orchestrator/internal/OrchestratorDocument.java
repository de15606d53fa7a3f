package org.framegrid.orchestrator.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;

/**
 * The orchestrator's OpenAPI 3.1 document ({@code GET /v1/openapi.json}), a file of this bundle read once: gateways
 * and tools read what the node serves, and OrchestratorDocumentTest keeps it and {@link OrchestratorRoutes} in step.
 */
final class OrchestratorDocument {
    private static final String RESOURCE = "/openapi/orchestrator.json";
    private static final HttpReply REPLY = read();

    private OrchestratorDocument() {
    }

    static HttpReply reply() {
        return REPLY;
    }

    private static HttpReply read() {
        try (InputStream in = OrchestratorDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the orchestrator bundle lacks " + RESOURCE);
            }
            return new HttpReply(200, TrickleServer.JSON, Map.of(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
