package org.framegrid.demo.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The demo's network nodes as processes of their own: each gets a role file ({@code ./framegrid run --role ...
 * --config FILE}) and a log in the work folder. {@link #close()} stops them all (SIGTERM, then a bounded wait).
 */
public final class NodeProcesses implements AutoCloseable {
    private final Path script;
    private final Path work;
    private final List<Process> processes = new ArrayList<>();
    private final java.util.Set<String> started = new java.util.HashSet<>();
    private final HttpClient http;

    /** @param tls how the nodes' HTTPS certificates are trusted (the orchestrators' bound ones) */
    public NodeProcesses(Path script, Path work, SSLContext tls) {
        this.script = script;
        this.work = work;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).sslContext(tls).build();
    }

    /**
     * Writes the role file {@code demo-NAME.properties} and starts the node it describes; a node started again (a
     * restart) appends to its log.
     */
    public Process start(String role, String name, String roleFile) throws IOException {
        Path file = work.resolve("demo-" + name + ".properties");
        Files.writeString(file, roleFile);
        Path log = work.resolve(role + "-" + name + ".log");
        Process p = new ProcessBuilder(script.toString(), "run", "--role", role, "--config", file.toString())
                .redirectErrorStream(true).redirectOutput(started.add(role + "-" + name)
                        ? ProcessBuilder.Redirect.to(log.toFile()) : ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        processes.add(p);
        System.out.println(role + " " + name + ": ./framegrid run --role " + role + " --config " + file
                + "  (pid " + p.pid() + ", log " + log + ")");
        return p;
    }

    /** Waits until {@code uri} answers {@code status}, failing early when a node process ends. */
    public void awaitHttp(URI uri, int status, String what, int seconds) throws IOException, InterruptedException {
        awaitHttp(uri, status, body -> true, what, seconds);
    }

    /**
     * Waits until the orchestrator's {@code /v1/info} at {@code uri} says no offered pipeline is cold or warming (its
     * warm-up at start is over: a session there starts warm), failing early when a node process ends.
     */
    public void awaitWarm(URI uri, String what, int seconds) throws IOException, InterruptedException {
        awaitHttp(uri, 200, body -> !body.contains("\"warmup\":\"warming\"") && !body.contains("\"warmup\":\"cold\""),
                what + " warm", seconds);
    }

    private void awaitHttp(URI uri, int status, Predicate<String> body, String what, int seconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() == status && body.test(r.body())) {
                    System.out.println(what + " ready (" + uri.getAuthority() + ")");
                    return;
                }
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a node process ended (exit " + p.exitValue() + "); see the logs in "
                            + work);
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(what + " not ready at " + uri + " within " + seconds + " s: " + last);
    }

    /** @return {@code n} ports free on 127.0.0.1 now, for nodes about to start */
    public static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
