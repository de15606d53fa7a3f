package org.framegrid.gateway.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.framegrid.trickle.client.TrickleClient;

/**
 * The gateway's developer API: {@code POST /v1/streams} {pipeline, params} → {id, input, output, orchestrator};
 * {@code POST /v1/streams/ID/params}; {@code POST /v1/streams/ID/events}; {@code GET /v1/streams/ID};
 * {@code DELETE /v1/streams/ID}. Media goes through
 * the returned trickle channels. Thread-safe; close it when done.
 */
public final class GatewayClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI gateway;
    private final String apiKey;
    private final TrickleClient trickle;

    /** @param gateway the gateway's base URI, e.g. {@code http://127.0.0.1:8936} */
    public GatewayClient(URI gateway) {
        this(gateway, null);
    }

    /**
     * @param gateway the gateway's base URI
     * @param apiKey sent as {@code Authorization: Bearer KEY} to a gateway that requires API keys, or {@code null}
     * @since 1.1
     */
    public GatewayClient(URI gateway, String apiKey) {
        this(gateway, apiKey, null);
    }

    /**
     * @param gateway the gateway's base URI, e.g. {@code https://gateway.example:8936}
     * @param apiKey as above, or {@code null}
     * @param tls how the gateway's HTTPS certificate is trusted (e.g. a context over its CA), or {@code null} for the
     *     JVM's default CAs
     * @since 1.2
     */
    public GatewayClient(URI gateway, String apiKey, SSLContext tls) {
        this.gateway = gateway;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.trickle = new TrickleClient(tls);
    }

    /** Starts a stream of {@code pipeline} with per-stream {@code params} ({@code node.property} keys). */
    public StreamInfo start(String pipeline, Map<String, Object> params) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", pipeline);
        body.put("params", params);
        Map<?, ?> r = call("POST", "/v1/streams", body);
        return new StreamInfo(String.valueOf(r.get("id")), URI.create(String.valueOf(r.get("input"))),
                URI.create(String.valueOf(r.get("output"))), String.valueOf(r.get("orchestrator")));
    }

    /** Publishes input segment {@code sequence} (0, 1, ...), streaming {@code segment} as it is produced. */
    public void publish(StreamInfo stream, long sequence, InputStream segment) throws IOException, InterruptedException {
        trickle.publish(stream.input(), sequence, segment);
    }

    /** Opens output segment {@code sequence} (-1: the live edge); its bytes stream while they are produced. */
    public TrickleClient.Segment read(StreamInfo stream, long sequence) throws IOException, InterruptedException {
        return trickle.read(stream.output(), sequence);
    }

    /** Changes parameters while the stream runs; the gateway replays the latest ones after a failover. */
    public void update(String streamId, Map<String, Object> params) throws IOException, InterruptedException {
        call("POST", "/v1/streams/" + streamId + "/params", params);
    }

    /**
     * Sends an app event (a player's input) to the stream's pipeline at once: to {@code node}, or to its sources when
     * {@code null}. The stage takes it at its next frame boundary.
     *
     * @since 1.1
     */
    public void event(String streamId, String node, Map<String, Object> event) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        if (node != null) {
            body.put("node", node);
        }
        call("POST", "/v1/streams/" + streamId + "/events", body);
    }

    /** @return the stream's status as the gateway reports it (orchestrator, swaps, lastGapMillis, payments...) */
    public Map<?, ?> status(String streamId) throws IOException, InterruptedException {
        return call("GET", "/v1/streams/" + streamId, null);
    }

    /** Stops the stream. */
    public void stop(String streamId) throws IOException, InterruptedException {
        call("DELETE", "/v1/streams/" + streamId, null);
    }

    private Map<?, ?> call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).method(method, p)
                .header("Content-Type", "application/json");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<byte[]> r = trickle.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<?, ?> m = r.body().length == 0 ? Map.of() : JSON.readValue(r.body(), Map.class);
        if (r.statusCode() / 100 != 2) {
            throw new GatewayException(method + " " + path + ": HTTP " + r.statusCode() + " " + m.get("error"),
                    r.statusCode());
        }
        return m;
    }

    @Override
    public void close() {
        trickle.close();
    }
}
