package org.framegrid.gateway.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.json.HttpProblem;

/**
 * Who may start streams: with no keys configured anyone who reaches the gateway; otherwise a request must carry
 * {@code Authorization: Bearer KEY} with one of them (what OBS's WHIP "Bearer Token" field sends). Thread-safe.
 */
final class ApiKeys {
    private volatile List<byte[]> keys = List.of();

    /** @param keys the accepted keys; empty to let anyone start streams */
    void set(List<String> keys) {
        this.keys = keys.stream().filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** @throws HttpProblem 401 naming {@code what} when keys are required and the request has none of them */
    void check(HttpCall call, String what) throws HttpProblem {
        List<byte[]> accepted = keys;
        if (accepted.isEmpty()) {
            return;
        }
        String header = call.headers().getOrDefault("authorization", "");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpProblem(401, what + ": this gateway needs an API key (Authorization: Bearer KEY)");
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (byte[] key : accepted) {
            known |= MessageDigest.isEqual(key, given); // every key compared: no timing hint which one is close
        }
        if (!known) {
            throw new HttpProblem(401, what + ": the API key is not one of this gateway's");
        }
    }
}
