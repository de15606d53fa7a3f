package org.framegrid.gateway.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium with a fake camera, started for one page and always killed with its process tree
 * (installed by {@link Apt} when missing).
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
    private final Process process;
    private final Path profile;
    private final List<String> stderr = new ArrayList<>();
    final String devtools;

    /** Installs Chromium when missing and allowed to, then requires it. */
    static void require() throws IOException, InterruptedException {
        Apt.require(BINARY, "chromium");
    }

    Chromium(String url) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("chromium-profile");
        List<String> cmd = List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--use-fake-device-for-media-stream=fps=30", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--allow-loopback-in-peer-connection",
                "--window-size=1100,700", url);
        process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill));
        CompletableFuture<String> ws = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("chromium-stderr").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream()))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (stderr) {
                        stderr.add(line);
                    }
                    if (line.startsWith("DevTools listening on ")) {
                        ws.complete(line.substring("DevTools listening on ".length()));
                    }
                }
            } catch (IOException ignored) {
                // the browser is gone: the future below says so
            }
            ws.completeExceptionally(new IllegalStateException("Chromium exited before DevTools was ready: " + tail()));
        });
        try {
            devtools = ws.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Chromium did not start DevTools within 60 s: " + tail(), e);
        }
    }

    String tail() {
        synchronized (stderr) {
            return String.join(" | ", stderr.subList(Math.max(0, stderr.size() - 8), stderr.size()));
        }
    }

    /** Kills the browser at once, as a vanished peer would (no WHIP DELETE). */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        process.waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
