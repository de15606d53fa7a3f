package org.framegrid.trickle;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request to a route, body read completely (limited to {@link #MAX_BODY} bytes).
 *
 * @param method e.g. {@code GET}
 * @param path the path without the query, e.g. {@code /v1/streams/abc}
 * @param query the query parameters (first value of each)
 * @param headers the headers, names lower case (first value of each)
 * @param body the body; empty if none
 */
public record HttpCall(String method, String path, Map<String, String> query, Map<String, String> headers,
                       byte[] body) {
    /** Largest body a route accepts (JSON control messages; the reference allows about 100 KiB). */
    public static final int MAX_BODY = 1 << 20;

    /** Copies the maps. */
    public HttpCall {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
