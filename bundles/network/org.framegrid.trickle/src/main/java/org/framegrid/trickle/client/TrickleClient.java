package org.framegrid.trickle.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * Publishes and reads trickle segments. A channel is addressed by its URL ({@code .../trickle/NAME}); segments are
 * {@code URL/SEQ}. Thread-safe; close it to release its connections.
 */
public final class TrickleClient implements AutoCloseable {
    /** Header naming the segment a response carries. */
    public static final String SEQ_HEADER = "Lp-Trickle-Seq";
    /** Header present when a channel is closed. */
    public static final String CLOSED_HEADER = "Lp-Trickle-Closed";

    private final HttpClient http;

    /**
     * @param connectTimeout how long a connection attempt may take
     * @param tls what HTTPS servers are trusted with: a gateway's {@code NodeTrust.context()} for orchestrators, or
     *     {@code null} for the JVM's default CAs
     * @since 2.0 (before, a boolean made it accept any certificate)
     */
    public TrickleClient(Duration connectTimeout, SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("trickle-client-", 0).factory()));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    /** A client with a 2 s connect timeout that trusts HTTPS servers through {@code tls}. */
    public TrickleClient(SSLContext tls) {
        this(Duration.ofSeconds(2), tls);
    }

    /** A client with a 2 s connect timeout that trusts the JVM's default CAs. */
    public TrickleClient() {
        this(Duration.ofSeconds(2), null);
    }

    /** @return the underlying client, for JSON calls to the same nodes */
    public HttpClient http() {
        return http;
    }

    /**
     * Publishes segment {@code sequence}, streaming {@code body} as it is produced (chunked). If {@code body} fails
     * mid-way, the upload is cut and the server marks the segment truncated.
     *
     * @param channel the channel URL
     * @param sequence the segment number (-1: the next one)
     * @param body the bytes; read to its end
     * @throws TrickleException if the server refuses the segment
     * @throws IOException if the connection fails
     */
    public void publish(URI channel, long sequence, InputStream body) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(segment(channel, sequence))
                .POST(new StreamingBody(body)).build();
        check(channel, sequence, http.send(r, HttpResponse.BodyHandlers.ofString()));
    }

    /** Publishes a whole segment, e.g. one JSON message. See {@link #publish(URI, long, InputStream)}. */
    public void publish(URI channel, long sequence, byte[] body) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(segment(channel, sequence))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        check(channel, sequence, http.send(r, HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Opens segment {@code sequence} for reading; returns as soon as the segment exists, before it is complete.
     *
     * @param channel the channel URL
     * @param sequence the segment number; -1 for the live edge
     * @return the segment: its actual number (later than asked if the reader fell behind the server's window) and
     *     its bytes, streaming; an {@link IOException} while reading means the writer gave up on it
     * @throws TrickleException on 404 (closed channel: {@link TrickleException#channelClosed()}, or no segment in
     *     time) and other errors
     */
    public Segment read(URI channel, long sequence) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(segment(channel, sequence)).GET().build();
        HttpResponse<InputStream> res = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
        if (res.statusCode() != 200) {
            try (InputStream in = res.body()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                throw failure(channel, sequence, res.statusCode(), text, res);
            }
        }
        long actual = res.headers().firstValueAsLong(SEQ_HEADER).orElse(sequence);
        return new Segment(actual, res.body());
    }

    /** Closes the channel on its server: readers are told it ended. */
    public void closeChannel(URI channel) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(channel).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200 && res.statusCode() != 404) {
            throw failure(channel, -1, res.statusCode(), res.body().strip(), res);
        }
    }

    private static URI segment(URI channel, long sequence) {
        return URI.create(channel + "/" + sequence);
    }

    private static void check(URI channel, long sequence, HttpResponse<String> res) throws TrickleException {
        if (res.statusCode() != 200) {
            throw failure(channel, sequence, res.statusCode(), res.body().strip(), res);
        }
    }

    private static TrickleException failure(URI channel, long sequence, int status, String text, HttpResponse<?> res) {
        return new TrickleException(channel + "/" + sequence + ": HTTP " + status + " " + text, status,
                res.headers().firstValue(CLOSED_HEADER).isPresent(),
                res.headers().firstValueAsLong(SEQ_HEADER).orElse(-1));
    }

    @Override
    public void close() {
        // close() would wait for every open exchange, e.g. a live segment nobody reads to its end.
        http.shutdownNow();
    }

    /**
     * One segment being read.
     *
     * @param sequence its number
     * @param bytes its bytes, arriving while the writer writes; close it when done
     */
    public record Segment(long sequence, InputStream bytes) {
    }
}
