package org.framegrid.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;

/** The gateway's OpenAPI 3.1 document ({@code GET /v1/openapi.json}), a file of this bundle. */
final class ApiDocument {
    static final String RESOURCE = "/openapi/gateway.json";
    private static final byte[] JSON = load();

    private ApiDocument() {
    }

    private static byte[] load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the gateway bundle lacks " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static HttpReply reply() {
        return new HttpReply(200, TrickleServer.JSON, Map.of(), JSON);
    }
}
