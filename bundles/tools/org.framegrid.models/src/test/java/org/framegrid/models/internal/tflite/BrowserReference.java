package org.framegrid.models.internal.tflite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.framegrid.models.internal.MediaPipePackages;
import org.framegrid.testing.Fixture;

/**
 * Runs MediaPipe's own runtimes in headless Chromium ({@code src/test/browser/reference.mjs}) and returns where they
 * wrote their outputs: TFLite's wasm runtime on every landmark and detector model, the
 * {@code @mediapipe/selfie_segmentation} solution on the real images with people in them, the {@code @mediapipe/pose}
 * solution on two. What it needs is installed once per machine: Debian's {@code chromium} (with apt, when missing)
 * and the script's npm packages ({@code npm ci} of the committed lock file into the cache). A missing piece fails the
 * test on CI and skips it elsewhere ({@link Fixture}). The browser is always ended with the run: the node process and
 * every process under it are killed when the script returns, fails or times out. The results are kept in the cache
 * with a stamp of what made them: the browser runs again only when a script, model, image or step changes.
 */
final class BrowserReference {

    /** Where the results go: read by this module's tests and by the pose stage's (framegrid.reference). */
    static final Path RESULTS = Path.of(System.getProperty("framegrid.reference",
            System.getProperty("user.home") + "/.cache/framegrid/reference/mediapipe"));
    /** The real images (13 of them: skimage's and darknet's). */
    static final List<String> IMAGES = List.of("astronaut.png", "chelsea.png", "coffee.png", "dog.jpg", "eagle.jpg",
            "giraffe.jpg", "horses.jpg", "kite.jpg", "motorcycle_left.png", "page.png", "person.jpg", "scream.jpg",
            "text.png");
    /** The selfie solution's images: where its mask covers 5% or more (judged), and two with tiny figures (reported). */
    static final String SELFIE_IMAGES = "astronaut.png,chelsea.png,coffee.png,dog.jpg,eagle.jpg,person.jpg,kite.jpg,"
            + "horses.jpg";
    /** Software GL makes the pose solution slow (25-60 s an image): a full figure and a half one. */
    static final String POSE_IMAGES = "person.jpg,astronaut.png";
    private static final long TIMEOUT_MINUTES = 15;
    private static final Path SOURCES = Path.of("src/test/browser");

    private static Path ran;

    private BrowserReference() {
    }

    /** Runs the reference once per test JVM; later calls return the same results. */
    static synchronized Path results() throws Exception {
        if (ran == null) {
            ran = run();
        }
        return ran;
    }

    private static Path run() throws Exception {
        String chromium = Chromium.find();
        Path scripts = installScripts();
        Path work = Path.of("target/reference-work");
        MediaPipePackages.writeAll(work.resolve("models"));
        Files.createDirectories(work.resolve("images"));
        for (String image : IMAGES) {
            Path source = Path.of(System.getProperty("framegrid.test.images",
                    System.getProperty("user.home") + "/.cache/framegrid/images"), image);
            Fixture.require(Files.isRegularFile(source), "the real test image " + source + " is absent (the build "
                    + "fetches it with bundles/tools/org.framegrid.models/src/build/fetch-test-images.sh)");
            Files.copy(source, work.resolve("images").resolve(image), StandardCopyOption.REPLACE_EXISTING);
        }
        // Once per machine: the results stay in the cache, keyed by everything that makes them (the scripts and lock
        // file, the models, the images, the steps); a change of any of them runs the browser again.
        String key = key(scripts, work);
        Path stamp = RESULTS.resolve(".stamp");
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(key)) {
            Report.line("reference", "MediaPipe's results in " + RESULTS + " are current (" + key.substring(0, 16)
                    + "): Chromium not run again");
            return RESULTS;
        }
        deleteTree(RESULTS);
        Files.createDirectories(RESULTS);
        Path log = Path.of("target/reference.log");
        ProcessBuilder builder = new ProcessBuilder("node", "reference.mjs", work.toAbsolutePath().toString(),
                RESULTS.toString()).directory(scripts.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("STEPS", "raw,selfie,pose");
        builder.environment().put("SELFIE_IMAGES", SELFIE_IMAGES);
        builder.environment().put("POSE_IMAGES", POSE_IMAGES);
        builder.environment().put("CHROMIUM", chromium);
        long start = System.nanoTime();
        Process node = builder.start();
        boolean finished;
        try {
            finished = node.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } finally {
            // The browser and its helpers are children of node: end them all, whatever happened.
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!finished || node.exitValue() != 0 || !output.contains("[reference] done")) {
            throw new AssertionError("the MediaPipe reference run in Chromium " + (finished ? "failed (exit "
                    + node.exitValue() + ")" : "timed out after " + TIMEOUT_MINUTES + " min") + "; its log, "
                    + log.toAbsolutePath() + ", ends: " + tail(output));
        }
        Report.line("reference", String.format("MediaPipe in %s: %.0f s (selfie on %s; pose on %s; TFLite's runtime "
                + "on the models of models.tsv)", chromium, (System.nanoTime() - start) / 1e9, SELFIE_IMAGES,
                POSE_IMAGES));
        Files.writeString(stamp, key);
        return RESULTS;
    }

    /** @return the SHA-256 of the scripts, the models and images given to the browser, and the steps run */
    private static String key(Path scripts, Path work) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Path> inputs = new ArrayList<>();
        for (String file : List.of("package-lock.json", "reference.mjs", "page.html", "models.tsv")) {
            inputs.add(scripts.resolve(file));
        }
        try (Stream<Path> files = Stream.concat(Files.list(work.resolve("models")), Files.list(work.resolve("images")))) {
            files.sorted().forEach(inputs::add);
        }
        for (Path input : inputs) {
            sha.update(input.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(input));
        }
        sha.update(("raw,selfie,pose " + SELFIE_IMAGES + " " + POSE_IMAGES).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The script, its page and model list, and its npm packages in a folder of the cache named after the lock file's
     * hash: {@code npm ci} runs once per machine and lock file.
     */
    private static Path installScripts() throws Exception {
        byte[] lock = Files.readAllBytes(SOURCES.resolve("package-lock.json"));
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lock)).substring(0, 16);
        Path dir = Path.of(System.getProperty("framegrid.browser.cache",
                System.getProperty("user.home") + "/.cache/framegrid/browser"), key);
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "package-lock.json", "reference.mjs", "page.html", "models.tsv")) {
            Files.copy(SOURCES.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = dir.resolve("node_modules/.installed");
        if (!Files.isRegularFile(installed)) {
            Process npm = new ProcessBuilder(System.getProperty("framegrid.npm", "npm"), "ci", "--ignore-scripts",
                    "--no-audit", "--no-fund").directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm-ci.log").toFile()).start();
            boolean done = npm.waitFor(10, TimeUnit.MINUTES);
            if (!done) {
                npm.descendants().forEach(ProcessHandle::destroyForcibly);
                npm.destroyForcibly();
            }
            Fixture.require(done && npm.exitValue() == 0, "npm ci of the browser check's packages failed in " + dir
                    + " (see npm-ci.log there; it needs the npm registry once)");
            Files.writeString(installed, "npm ci of package-lock.json " + key + "\n");
        }
        return dir;
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.delete(paths.get(i));
        }
    }
}
