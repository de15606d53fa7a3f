package org.framegrid.gateway.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.selection.api.Candidate;
import org.framegrid.trickle.json.JsonRoutes;
import org.framegrid.trickle.tls.NodeTrust;

/**
 * Calls an orchestrator's JSON API: over HTTPS, with {@code http}'s trust in certificates ({@link NodeTrust}), or
 * over plain HTTP only where that is allowed. The address an orchestrator states in {@code /v1/info} must be the one
 * its certificate is bound to; from then on its URI is trusted only with that binding.
 */
final class OrchestratorApi {
    /**
     * How long {@code /v1/info} may take. A first contact includes the TLS handshake and the check of the certificate's
     * binding: on a loaded host (load average 28 on 2 cores) that alone took over 1 s, the limit before TLS.
     */
    private static final Duration INFO_TIMEOUT = Duration.ofSeconds(3);
    private final HttpClient http;
    private final NodeTrust trust;
    private final BooleanSupplier plainHttp;

    OrchestratorApi(HttpClient http, NodeTrust trust, BooleanSupplier plainHttp) {
        this.http = http;
        this.trust = trust;
        this.plainHttp = plainHttp;
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
        HttpResponse<byte[]> r = send(orchestrator, "GET", "/v1/info?sender=" + sender, null, INFO_TIMEOUT);
        Map<?, ?> m = answer(orchestrator, "/v1/info", r);
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
        bind(orchestrator, address, r);
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
        return answer(base, path, send(base, method, path, body, timeout));
    }

    /** Refuses a URI the gateway may not use: plain HTTP unless allowed (the session's channels too). */
    void checkScheme(URI uri) throws Refused {
        if ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && plainHttp.getAsBoolean())) {
            return;
        }
        throw new Refused(uri + ": plain HTTP to orchestrators is off (use https://, or set allow.plain.http = "
                + "true)", 503);
    }

    /** The stated address must be the certificate's binding; the URI is trusted only with it from now on. */
    private void bind(URI orchestrator, String address, HttpResponse<?> r) throws IOException {
        if (r.sslSession().isEmpty()) {
            return; // plain HTTP, allowed
        }
        String bound;
        try {
            java.security.cert.Certificate[] peer = r.sslSession().get().getPeerCertificates();
            bound = trust.boundAddress((X509Certificate) peer[0]);
        } catch (CertificateException | SSLPeerUnverifiedException e) {
            throw new IOException(orchestrator + ": " + e.getMessage(), e);
        }
        if (bound == null) {
            return; // a configured CA's certificate: its host name was checked
        }
        if (!bound.equalsIgnoreCase(address)) {
            throw new Refused(orchestrator + ": says it is " + address + " but its certificate is bound to " + bound,
                    502);
        }
        trust.expect(orchestrator, bound);
    }

    private HttpResponse<byte[]> send(URI base, String method, String path, Object body, Duration timeout)
            throws IOException, InterruptedException {
        checkScheme(base);
        HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JsonRoutes.write(body));
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .method(method, p).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<?, ?> answer(URI base, String path, HttpResponse<byte[]> r) throws IOException {
        Map<?, ?> m = r.body().length == 0 ? Map.of() : JsonRoutes.read(r.body());
        if (r.statusCode() / 100 != 2) {
            Object why = m.containsKey("error") ? m.get("error") : m.get("rejections");
            throw new Refused(base + path + ": HTTP " + r.statusCode() + " " + why, r.statusCode(), m);
        }
        return m;
    }
}
