package org.framegrid.trickle;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A route's answer.
 *
 * @param status the HTTP status
 * @param contentType the body's content type
 * @param headers extra headers
 * @param body the body
 * @param streamed the body written while it is produced (sent chunked: a live stream), or {@code null}: then
 *     {@code body} is the body (since 2.1)
 */
public record HttpReply(int status, String contentType, Map<String, String> headers, byte[] body,
                        BodyWriter streamed) {

    /** Copies the map. */
    public HttpReply {
        headers = Map.copyOf(headers);
    }

    /** A reply with a whole body. */
    public HttpReply(int status, String contentType, Map<String, String> headers, byte[] body) {
        this(status, contentType, headers, body, null);
    }

    /**
     * @return a reply whose body {@code writer} writes while it is produced, e.g. a live MPEG-TS stream
     * @since 2.1
     */
    public static HttpReply streamed(int status, String contentType, Map<String, String> headers,
                                     BodyWriter writer) {
        return new HttpReply(status, contentType, headers, new byte[0], Objects.requireNonNull(writer));
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
