package org.framegrid.gateway.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.selection.api.Candidate;
import org.framegrid.trickle.json.JsonRoutes;

/** Calls an orchestrator's JSON API. */
final class OrchestratorApi {
    private final HttpClient http;

    OrchestratorApi(HttpClient http) {
        this.http = http;
    }

    /**
     * What {@code GET /v1/info} told, with the terms for this gateway and the measured round trip.
     *
     * @param cold the offered pipelines that the orchestrator says are not warm yet (its warm-up at start is still
     *     running): a session of one would start cold
     */
    record Info(Candidate candidate, String scheme, PaymentTerms terms, int initialSeconds, long latencyMillis,
                Set<String> cold) {
    }

    Info info(URI orchestrator, String sender, Map<String, BigInteger> stakes) throws IOException, InterruptedException {
        long t = System.nanoTime();
        Map<?, ?> m = call(orchestrator, "GET", "/v1/info?sender=" + sender, null, Duration.ofSeconds(1));
        long latency = (System.nanoTime() - t) / 1_000_000;
        Set<String> pipelines = new HashSet<>();
        Set<String> cold = new HashSet<>();
        for (Object p : (List<?>) m.get("pipelines")) {
            String name = String.valueOf(((Map<?, ?>) p).get("name"));
            pipelines.add(name);
            if (Boolean.FALSE.equals(((Map<?, ?>) p).get("warm"))) {
                cold.add(name);
            }
        }
        String address = String.valueOf(m.get("address"));
        int free = ((Number) m.get("capacity")).intValue() - ((Number) m.get("inUse")).intValue();
        Candidate c = new Candidate(address, orchestrator, stakes.getOrDefault(address.toLowerCase(Locale.ROOT),
                BigInteger.ZERO),
                new BigInteger(String.valueOf(m.get("pricePerSecondWei"))), pipelines, free);
        String scheme = String.valueOf(m.get("scheme"));
        return new Info(c, scheme, new PaymentTerms(scheme, Base64.getDecoder().decode(String.valueOf(m.get("terms")))),
                ((Number) m.get("initialSeconds")).intValue(), latency, Set.copyOf(cold));
    }

    /** A non-2xx answer: its status and the orchestrator's one-line error. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        /** The answer's JSON body (empty when there was none). */
        final Map<?, ?> body;

        Refused(String message, int status) {
            this(message, status, Map.of());
        }

        Refused(String message, int status, Map<?, ?> body) {
            super(message);
            this.status = status;
            this.body = body;
        }
    }

    Map<?, ?> call(URI base, String method, String path, Object body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JsonRoutes.write(body));
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .method(method, p).build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<?, ?> m = r.body().length == 0 ? Map.of() : JsonRoutes.read(r.body());
        if (r.statusCode() / 100 != 2) {
            Object why = m.containsKey("error") ? m.get("error") : m.get("rejections");
            throw new Refused(base + path + ": HTTP " + r.statusCode() + " " + why, r.statusCode(), m);
        }
        return m;
    }
}
