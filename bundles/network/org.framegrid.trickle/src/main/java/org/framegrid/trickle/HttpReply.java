package org.framegrid.trickle;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A route's answer.
 *
 * @param status the HTTP status
 * @param contentType the body's content type
 * @param headers extra headers
 * @param body the body
 */
public record HttpReply(int status, String contentType, Map<String, String> headers, byte[] body) {

    /** Copies the map. */
    public HttpReply {
        headers = Map.copyOf(headers);
    }

    /** @return a JSON reply of {@code json} (already serialised) */
    public static HttpReply json(int status, String json) {
        return new HttpReply(status, TrickleServer.JSON, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a plain-text reply, e.g. an error's one line */
    public static HttpReply text(int status, String text) {
        return new HttpReply(status, "text/plain; charset=utf-8", Map.of(), (text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
