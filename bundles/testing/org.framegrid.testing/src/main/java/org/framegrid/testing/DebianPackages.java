package org.framegrid.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real program from a Debian package for a test that drives it (Prometheus scraping a node, say): the one installed
 * on the machine, else the package fetched with {@code apt-get download} and unpacked with {@code dpkg-deb -x} into the
 * user's cache ({@code ~/.cache/framegrid/debian/PACKAGE}). Unpacking needs no root and starts no service, so a test
 * never leaves a daemon behind; it suits self-contained programs (a static Go binary), not ones with library
 * dependencies. What the test starts, the test stops.
 */
public final class DebianPackages {

    private static final long STEP_TIMEOUT_SECONDS = 180;

    private DebianPackages() {
    }

    /**
     * @param pkg the Debian package, e.g. {@code prometheus}
     * @param program the program's name in {@code /usr/bin}, e.g. {@code prometheus}
     * @return the program, or empty when it is not installed and the package could not be fetched (offline)
     */
    public static Optional<Path> program(String pkg, String program) {
        Path installed = Path.of("/usr/bin", program);
        if (Files.isExecutable(installed)) {
            return Optional.of(installed);
        }
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "framegrid", "debian", pkg);
        Path unpacked = cache.resolve("root/usr/bin").resolve(program);
        if (Files.isExecutable(unpacked)) {
            return Optional.of(unpacked);
        }
        try {
            Files.createDirectories(cache);
            if (!run(cache, List.of("apt-get", "download", pkg))) {
                return Optional.empty();
            }
            Optional<Path> deb;
            try (Stream<Path> files = Files.list(cache)) {
                deb = files.filter(f -> f.getFileName().toString().startsWith(pkg + "_")
                        && f.getFileName().toString().endsWith(".deb")).findFirst();
            }
            if (deb.isEmpty() || !run(cache, List.of("dpkg-deb", "-x", deb.get().toString(), "root"))) {
                return Optional.empty();
            }
            return Files.isExecutable(unpacked) ? Optional.of(unpacked) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("fetch.log").toFile()).start();
        if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }
}
