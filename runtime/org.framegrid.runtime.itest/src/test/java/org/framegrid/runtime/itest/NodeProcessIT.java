package org.framegrid.runtime.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real node as a user runs it: {@code bin/framegrid} of a copy of the assembled folder, as a child process. It must
 * print its ready line, hot-deploy the samples, and on SIGTERM deactivate every component and stop within 5 s.
 */
class NodeProcessIT {

    private static final Pattern READY = Pattern.compile("Framegrid node ready in ([0-9.]+) s: (\\d+)/(\\d+) bundles active");
    private static final Pattern STOPPED = Pattern.compile("Framegrid node stopped in (\\d+) ms");

    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process node;

    @AfterEach
    void killNode() {
        if (node != null && node.isAlive()) {
            node.destroyForcibly();
        }
    }

    @Test
    void startsHotDeploysAndStopsCleanlyOnSigterm() throws Exception {
        Path home = copyOfNode();
        node = start(home);

        Matcher ready = awaitLine(READY, 60);
        assertEquals(ready.group(3), ready.group(2), "every bundle active at start-up: " + output);
        System.out.println("node ready in " + ready.group(1) + " s (since JVM start)");

        for (String sample : List.of("org.framegrid.sample.greeting.api", "org.framegrid.sample.greeting.consumer",
                "org.framegrid.sample.greeting")) {
            Path jar = NodeBundles.sample(sample);
            Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()));
        }
        awaitLine(Pattern.compile("greeting board now says: Hello, Framegrid!"), 30);

        node.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        assertTrue(node.waitFor(15, TimeUnit.SECONDS), "the node exits after SIGTERM");
        Matcher stopped = awaitLine(STOPPED, 5);
        assertTrue(Long.parseLong(stopped.group(1)) < 5_000, "stopped within 5 s: " + stopped.group());
        assertTrue(output.stream().anyMatch(line -> line.contains("greeting board deactivated")),
                "the consumer component was deactivated: " + output);
        assertTrue(output.stream().anyMatch(line -> line.contains("greeting 0.1.0.SNAPSHOT deactivated")),
                "the provider component was deactivated: " + output);
        assertEquals(List.of(), output.stream().filter(line -> line.contains(" ERROR ") || line.contains("Exception")).toList());

        String logFile = Files.readString(home.resolve("log/framegrid.0.log"));
        assertTrue(logFile.contains(ready.group()) && logFile.contains(stopped.group()),
                "the rolling log file has the console's lines in the same format");
    }

    /**
     * The shell as a user meets it: on a terminal (util-linux's {@code script} gives the node a pseudo-terminal), Gogo
     * with JLine and the node's {@code etc/gosh_profile}, where TAB completes a stage type and a pipeline subcommand
     * and name from what the node has.
     */
    @Test
    void shellCompletesStageTypesAndPipelinesOnTab() throws Exception {
        Path home = copyOfNode();
        node = start(List.of("script", "-qfec", home.resolve("bin/framegrid") + " --shell", "/dev/null"));
        awaitLine(READY, 90);
        awaitLine(Pattern.compile("Welcome to Apache Felix Gogo"), 30); // Gogo's own profile, sourced by the node's
        Thread.sleep(500); // the first prompt
        type("framegrid:stages res\t\r");
        awaitLine(Pattern.compile("^ {2}Type {21}resize$"), 30);
        type("framegrid:pipelines sh\tpassth\t\r");
        awaitLine(Pattern.compile("passthrough {2}\\(.*pipelines/passthrough\\.yaml\\)$"), 30);
        assertEquals(List.of(), output.stream().filter(line -> line.contains("gosh_profile:")
                || line.contains("dumb terminal")).toList(), "the profile loaded, on a real terminal");
    }

    private void type(String keys) throws IOException {
        node.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
        node.getOutputStream().flush();
    }

    @Test
    void unknownToolIsAClearErrorNotAStackTrace() throws Exception {
        Path home = copyOfNode();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/framegrid").toString(), "--tool", "no.such.tool")
                .redirectErrorStream(true);
        node = builder.start();
        String text = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, node.exitValue(), text);
        assertEquals("framegrid: no bundle of this node offers the tool 'no.such.tool'", text.strip());
    }

    @Test
    void processRunsAFileJobToItsEnd() throws Exception {
        Path home = copyOfNode();
        Path clip = home.resolve("clip.mp4");
        Path small = home.resolve("small.mp4");
        String made = tool(home, "pipelines.process", "--pipeline", home.resolve("pipelines/test-clip.yaml").toString(),
                "-o", clip.toString());
        assertTrue(made.contains("test-clip: 60 frames in, 60 out, 0 dropped, 0 errors"), made);
        String scaled = tool(home, "pipelines.process", "--pipeline", home.resolve("pipelines/transcode.yaml").toString(),
                clip.toString(), "-o", small.toString());
        assertTrue(scaled.contains("transcode: 60 frames in, 60 out, 0 dropped, 0 errors"), scaled);
        assertTrue(Files.size(small) > 10_000, "an encoded file: " + Files.size(small) + " bytes");

        Path notVideo = home.resolve("conf/framework.properties");
        node = new ProcessBuilder(home.resolve("bin/framegrid").toString(), "--tool", "pipelines.process", "--pipeline",
                home.resolve("pipelines/transcode.yaml").toString(), notVideo.toString(), "-o", small.toString())
                .redirectErrorStream(true).start();
        String text = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, node.exitValue(), text);
        assertEquals(home.resolve("pipelines/transcode.yaml") + ":6:11: node 'decode' (decode) failed to start: "
                + "framework.properties: not a video file (Invalid data found when processing input)", text);
    }

    /** Runs one tool of the node to its end; returns its output, and fails on a non-zero exit. */
    private String tool(Path home, String name, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/framegrid").toString(), "--tool", name));
        command.addAll(List.of(args));
        node = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "the tool ends");
        assertEquals(0, node.exitValue(), text);
        return text;
    }

    private Process start(Path home) throws IOException {
        return start(List.of(home.resolve("bin/framegrid").toString()));
    }

    private Process start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line.replace("\r", "")); // a terminal's lines end in CR LF
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private Matcher awaitLine(Pattern pattern, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line matching '" + pattern + "' within " + seconds + " s; output: " + output);
    }

    /** Each test runs its own copy: the node writes cache/, log/ and deploy/ into its folder. */
    private static Path copyOfNode() throws IOException {
        Path source = NodeBundles.nodeDir();
        Path target = NodeBundles.workDir("node");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (!file.startsWith(source.resolve("cache")) && !file.startsWith(source.resolve("log"))) {
                    Files.copy(file, copy);
                }
            }
        }
        Files.createDirectories(target.resolve("deploy"));
        target.resolve("bin/framegrid").toFile().setExecutable(true);
        return target;
    }
}
