package org.framegrid.gateway.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.json.HttpProblem;
import org.framegrid.trickle.json.JsonRoutes;

/**
 * Who may start which stream, decided by the operator's service (go-livepeer's {@code -liveAIAuthWebhookUrl} is the
 * model): before a stream starts ({@code POST /v1/streams}, WHIP, the ingest ports through {@code /v1}) the gateway
 * POSTs an {@link AuthRequest} to {@code auth.webhook}. A 2xx lets it start, its body ({@link AuthAnswer}, optional)
 * may replace the pipeline and the params; 401 answers the client 401, any other status 403, with the webhook's first
 * line; an unreachable webhook 503. Not configured: every stream passes unchanged. Thread-safe.
 */
final class AuthWebhook {
    /** The request headers the webhook sees: the caller's credentials and where the request came from. */
    private static final List<String> HEADERS = List.of("authorization", "origin", "user-agent", "x-forwarded-for");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * What the webhook is asked.
     *
     * @param stream the stream's name (WHIP's {@code {stream}}), {@code null} for {@code POST /v1/streams}
     * @param type {@code whip} or {@code api}
     * @param pipeline the pipeline the client asked for
     * @param params the params it asked for
     * @param headers the {@link #HEADERS} the request carried, names lower case
     */
    record AuthRequest(String stream, String type, String pipeline, Map<String, Object> params,
                       Map<String, String> headers) {
    }

    /** What a 2xx may answer: a pipeline and params (go-livepeer's field names) that replace the client's. */
    record AuthAnswer(String pipeline, @JsonProperty("pipeline_parameters") Map<String, Object> params) {
    }

    /** The stream to start: the client's, or what the webhook put in its place. */
    record Decision(String pipeline, Map<String, Object> params) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile URI webhook;

    /**
     * @param url the webhook, blank for none
     * @throws IllegalArgumentException naming the setting when {@code url} is not an absolute http(s) URL
     */
    void use(String url) {
        if (url == null || url.isBlank()) {
            this.webhook = null;
            return;
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
            throw new IllegalArgumentException("auth.webhook: '" + url + "' is not an http(s) URL");
        }
        this.webhook = uri;
    }

    /**
     * @throws HttpProblem 401/403 when the webhook denies the stream, 503 when it cannot be asked, both naming
     *     {@code what}
     */
    Decision authorise(HttpCall call, String what, String stream, String type, String pipeline,
                       Map<String, Object> params) throws HttpProblem, InterruptedException {
        URI url = webhook;
        if (url == null) {
            return new Decision(pipeline, params);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        HEADERS.forEach(h -> {
            if (call.headers().containsKey(h)) {
                headers.put(h, call.headers().get(h));
            }
        });
        HttpResponse<byte[]> r;
        try {
            r = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JsonRoutes.write(new AuthRequest(stream, type,
                            pipeline, params, headers)))).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new HttpProblem(503, what + ": the auth webhook cannot be reached now (" + e + ")");
        }
        if (r.statusCode() / 100 != 2) {
            String why = new String(r.body(), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("").strip();
            throw new HttpProblem(r.statusCode() == 401 ? 401 : 403, what + ": denied by the auth webhook ("
                    + r.statusCode() + (why.isEmpty() ? "" : ": " + why) + ")");
        }
        if (r.body().length == 0) {
            return new Decision(pipeline, params);
        }
        AuthAnswer answer;
        try {
            answer = JSON.readValue(r.body(), AuthAnswer.class);
        } catch (IOException e) {
            throw new HttpProblem(503, what + ": the auth webhook's answer is not {pipeline, pipeline_parameters}: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        return new Decision(answer.pipeline() == null || answer.pipeline().isBlank() ? pipeline : answer.pipeline(),
                answer.params() == null ? params : answer.params());
    }
}
