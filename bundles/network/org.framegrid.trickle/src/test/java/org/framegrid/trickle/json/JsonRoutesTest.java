package org.framegrid.trickle.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.HttpReply;
import org.junit.jupiter.api.Test;

/** Route matching, path parameters, bodies and the one error shape of every JSON API. */
class JsonRoutesTest {
    record Paid(String session, BigInteger balanceWei, List<String> reasons) {
    }

    private final JsonRoutes routes = new JsonRoutes()
            .on("GET", "/v1/info", call -> JsonRoutes.reply(200, Map.of("sender", call.http().query().get("sender"))))
            .on("POST", "/v1/sessions/{id}/payment", call -> {
                Map<String, Object> body = call.body("payment");
                if (!(body.get("data") instanceof String)) {
                    throw new HttpProblem(400, "payment for " + call.param("id") + ": 'data' is missing");
                }
                return JsonRoutes.reply(200, new Paid(call.param("id"), BigInteger.TEN.pow(20), List.of("OK")));
            })
            .on("DELETE", "/v1/sessions/{id}", call -> JsonRoutes.reply(200, Map.of("stopped", call.param("id"))));

    private static HttpCall call(String method, String path, String body) {
        return new HttpCall(method, path, Map.of("sender", "0xg"), Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(HttpReply r) {
        return r.status() + " " + new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void routesMatchByMethodAndSegmentsAndReadTheirParameters() throws Exception {
        assertEquals("200 {\"sender\":\"0xg\"}", text(routes.handle(call("GET", "/v1/info", ""))));
        assertEquals("200 {\"session\":\"abc\",\"balanceWei\":\"100000000000000000000\",\"reasons\":[\"OK\"]}",
                text(routes.handle(call("POST", "/v1/sessions/abc/payment", "{\"data\":\"x\"}"))),
                "a record in component order, its amount as a decimal string");
        assertEquals("200 {\"stopped\":\"abc\"}", text(routes.handle(call("DELETE", "/v1/sessions/abc", ""))));
    }

    @Test
    void everyRefusalIsOneErrorLine() throws Exception {
        assertEquals("404 {\"error\":\"GET /v1/sessions/abc: no such endpoint\"}",
                text(routes.handle(call("GET", "/v1/sessions/abc", ""))));
        assertEquals("404 {\"error\":\"POST /v1/info: no such endpoint\"}",
                text(routes.handle(call("POST", "/v1/info", ""))));
        assertEquals("400 {\"error\":\"payment for abc: 'data' is missing\"}",
                text(routes.handle(call("POST", "/v1/sessions/abc/payment", "{}"))));
        String notJson = text(routes.handle(call("POST", "/v1/sessions/abc/payment", "[1, 2]")));
        assertTrue(notJson.startsWith("400 {\"error\":\"payment: not a JSON object: ") && !notJson.contains("\\n"),
                notJson);
    }
}
