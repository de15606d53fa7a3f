package org.framegrid.trickle.json;

import java.io.IOException;
import java.util.Map;
import org.framegrid.trickle.HttpCall;

/**
 * One request to a {@link JsonRoutes} route.
 *
 * @param http the request
 * @param params the values of the route pattern's {@code {name}} segments
 */
public record JsonCall(HttpCall http, Map<String, String> params) {
    /** Copies the map. */
    public JsonCall {
        params = Map.copyOf(params);
    }

    /** @return the value of the pattern's {@code {name}} segment */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no {" + name + "} segment");
        }
        return value;
    }

    /**
     * @param what what the body is, for the message, e.g. {@code "session request"}
     * @return the body as a JSON object
     * @throws HttpProblem 400 naming {@code what} when the body is not a JSON object
     */
    public Map<String, Object> body(String what) throws HttpProblem {
        try {
            return JsonRoutes.read(http.body());
        } catch (IOException e) {
            // Jackson's message continues with the source location on further lines: the first one says it.
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new HttpProblem(400, what + ": not a JSON object: " + why);
        }
    }
}
