package org.framegrid.trickle.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.HttpHandler;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;

/**
 * A JSON API as routes: {@code on("POST", "/v1/sessions/{id}/payment", call -> ...)} with {@code call.param("id")}.
 * Register it on a server under the routes' common prefix ({@code server.route("/v1/", routes)}). A request no route
 * matches is answered 404 and an {@link HttpProblem} thrown by a route with its status, both as
 * {@code {"error": "one line"}}; any other exception is left to the server (500 with its message).
 *
 * <p>Replies serialise records, maps and lists; {@link BigInteger} amounts are written as decimal strings, since
 * wei values overflow a JSON number's safe range. Routes are added before the server sees requests; thread-safe
 * afterwards.
 */
public final class JsonRoutes implements HttpHandler {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new SimpleModule().addSerializer(BigInteger.class, ToStringSerializer.instance)).build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** Answers one matched request. */
    @FunctionalInterface
    public interface Route {
        /**
         * @return the reply, e.g. {@link JsonRoutes#reply(int, Object)}
         * @throws HttpProblem when the request cannot be served: answered with its status and message
         * @throws Exception on failure: the server answers 500
         */
        HttpReply handle(JsonCall call) throws Exception;
    }

    private record Entry(String method, String[] segments, Route route) {
    }

    private final List<Entry> routes = new ArrayList<>();

    /**
     * Adds a route; the first added that matches wins.
     *
     * @param method e.g. {@code GET}
     * @param pattern the path, with {@code {name}} for a segment the route reads as a parameter
     * @return this
     */
    public JsonRoutes on(String method, String pattern, Route route) {
        routes.add(new Entry(method, split(pattern), route));
        return this;
    }

    @Override
    public HttpReply handle(HttpCall call) throws Exception {
        String[] path = split(call.path());
        for (Entry e : routes) {
            Map<String, String> params = e.method.equals(call.method()) ? match(e.segments, path) : null;
            if (params != null) {
                try {
                    return e.route.handle(new JsonCall(call, params));
                } catch (HttpProblem p) {
                    return error(p.status(), p.getMessage());
                }
            }
        }
        return error(404, call.method() + " " + call.path() + ": no such endpoint");
    }

    private static String[] split(String path) {
        return path.replaceAll("^/+|/+$", "").split("/");
    }

    /** @return the parameters when {@code path} matches {@code pattern}, else {@code null} */
    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
                params.put(pattern[i].substring(1, pattern[i].length() - 1), path[i]);
            } else if (!pattern[i].equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /** @return {@code body} as a JSON reply with {@code status} */
    public static HttpReply reply(int status, Object body) {
        return new HttpReply(status, TrickleServer.JSON, Map.of(), write(body));
    }

    /** @return the error reply every API answers with: {@code {"error": message}} */
    public static HttpReply error(int status, String message) {
        return reply(status, Map.of("error", message));
    }

    /** @return {@code value} as JSON, amounts as decimal strings */
    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * @param what what the value is, for the message, e.g. {@code "payment for abc: data"}
     * @param value a field of a request body that must be base64 text
     * @return its bytes
     * @throws HttpProblem 400 naming {@code what} when it is not a string or not base64
     * @since 1.1
     */
    public static byte[] base64(String what, Object value) throws HttpProblem {
        if (!(value instanceof String text)) {
            throw new HttpProblem(400, what + ": expected base64 text, got " + (value == null ? "nothing"
                    : "a " + value.getClass().getSimpleName()));
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, what + ": not base64: " + e.getMessage());
        }
    }

    /**
     * @return {@code json} read as a JSON object
     * @throws IOException if it is not one (an empty body is not)
     */
    public static Map<String, Object> read(byte[] json) throws IOException {
        Map<String, Object> m = JSON.readValue(json, OBJECT);
        if (m == null) {
            throw new IOException("null instead of an object");
        }
        return m;
    }
}
