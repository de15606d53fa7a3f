package org.framegrid.runtime.itest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.framegrid.testing.Await;

/**
 * A real Prometheus server (Debian's binary) started for one test on 127.0.0.1 with a temporary configuration and
 * data folder, scraping one target every second; {@link #close} stops it. Queries go through Prometheus's own HTTP
 * API ({@code /api/v1/query}).
 */
final class PrometheusServer implements AutoCloseable {

    /** The first sample's value in an instant-query answer: {@code "value":[1712345678.9,"42"]}. */
    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.e+]+,\"([^\"]+)\"\\]");

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts {@code binary} scraping {@code target} ({@code host:port}, path /metrics) and waits until it is ready. */
    static PrometheusServer start(Path binary, String target, Path dir) throws Exception {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: framegrid
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            Await.until("Prometheus ready at " + server.base + " (log: " + log + ")", NodeTest.WAIT_MILLIS,
                    () -> process.isAlive() && server.ready());
        } catch (AssertionError | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** @return whether it answers {@code /-/ready} with 200 (not while it starts) */
    private boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IllegalStateException notListeningYet) {
            return false;
        }
    }

    /** @return the first value an instant query answers, or empty when it has no sample yet */
    OptionalDouble query(String promql) {
        HttpResponse<String> answer = get("/api/v1/query?query=" + urlEncode(promql));
        if (answer.statusCode() != 200) {
            throw new AssertionError("Prometheus refused " + promql + ": " + answer.body());
        }
        Matcher m = VALUE.matcher(answer.body());
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    /** @return the query's value once it has one that is at least {@code atLeast} */
    double awaitAtLeast(String promql, double atLeast) {
        double[] last = {Double.NaN};
        Await.until("Prometheus answers " + promql + " >= " + atLeast, 30_000, () -> {
            OptionalDouble v = query(promql);
            last[0] = v.orElse(Double.NaN);
            return v.isPresent() && v.getAsDouble() >= atLeast;
        }, () -> "last answer " + last[0] + "; " + this);
        return last[0];
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "Prometheus at " + base + " (log " + log + ")";
    }
}
