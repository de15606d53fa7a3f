package org.framegrid.runtime.itest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, one page load per call: the DOM after the page's scripts ran for a while
 * ({@code --dump-dom}), or a screenshot. Each call starts a fresh browser with a fresh profile and waits for it to
 * exit (killed after {@link #TIMEOUT_SECONDS}); nothing is left running.
 */
final class HeadlessChromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path work;

    /** @param work a folder for the profiles and the browser's log */
    HeadlessChromium(Path work) {
        this.work = work;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** @return the page's DOM after its scripts ran for {@code scriptMillis} of (virtual) time */
    String dom(URI page, int scriptMillis) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "dom", ".html");
        run(List.of("--virtual-time-budget=" + scriptMillis, "--dump-dom", page.toString()), out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Saves a screenshot of the page after its scripts ran for {@code scriptMillis}. */
    void screenshot(URI page, int scriptMillis, Path png, int width, int height)
            throws IOException, InterruptedException {
        run(List.of("--virtual-time-budget=" + scriptMillis, "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), page.toString()), work.resolve("screenshot.out"));
    }

    private void run(List<String> args, Path stdout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(args);
        Path log = work.resolve("chromium.log");
        Process browser = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command
                    + " (log " + log + ")");
        }
        if (browser.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + browser.exitValue() + ": " + command + " (log " + log
                    + ")");
        }
    }
}
