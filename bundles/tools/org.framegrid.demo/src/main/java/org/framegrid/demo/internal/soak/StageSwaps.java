package org.framegrid.demo.internal.soak;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The soak's stage swaps: the sample {@code stamp} stage's bundle (the node's {@code samples/}) dropped into each
 * orchestrator's {@code deploy/} as {@code stamp.jar}, and replaced there by a new release (same bundle, the next
 * {@code Bundle-Version}) on every {@link #swap()}: written beside it and moved over it atomically, which is how an
 * operator replaces a bundle under running streams (README, "Hot swap").
 */
final class StageSwaps {
    static final String JAR = "stamp.jar";
    /** The stage bundle's symbolic name. */
    static final String BUNDLE = "org.framegrid.sample.stamp";
    private final Path release;
    private final List<Path> deployFolders;
    private int swaps;

    /** @param samples the node's samples/ folder @param deployFolders the orchestrators' deploy/ folders */
    StageSwaps(Path samples, List<Path> deployFolders) throws IOException {
        Path found = null;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(samples, BUNDLE + "-*.jar")) {
            for (Path jar : jars) {
                found = jar;
            }
        }
        this.release = found;
        if (release == null) {
            throw new IOException("no " + BUNDLE + "-*.jar in " + samples + " (./framegrid build)");
        }
        this.deployFolders = deployFolders;
    }

    /** Puts the first release into every deploy folder (before the orchestrators start: their pipeline needs it). */
    void install() throws IOException {
        for (Path deploy : deployFolders) {
            Files.createDirectories(deploy);
            Files.copy(release, deploy.resolve(JAR), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Replaces the stage's bundle in every deploy folder by the next release; @return its version */
    String swap() throws IOException {
        swaps++;
        String version = version();
        for (Path deploy : deployFolders) {
            Path next = deploy.resolve(".stamp-next.tmp");
            withVersion(release, next, version);
            Files.move(next, deploy.resolve(JAR), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        return version;
    }

    int swaps() {
        return swaps;
    }

    /** @return the release in the deploy folders now */
    String version() {
        return "0.2." + swaps;
    }

    /** Copies the jar {@code from} to {@code to} with its manifest's Bundle-Version set to {@code version}. */
    static void withVersion(Path from, Path to, String version) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(from))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (OutputStream file = Files.newOutputStream(to); JarOutputStream out = new JarOutputStream(file,
                    manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }
}
