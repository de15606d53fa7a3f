package org.framegrid.runtime.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.framegrid.testing.Await;
import org.ops4j.pax.exam.Option;

/** Pax Exam options that boot the bundles of the assembled node (distribution/target/framegrid). */
final class NodeBundles {

    private NodeBundles() {
    }

    /** The node folder the build assembled; set by Failsafe. */
    static Path nodeDir() {
        return Path.of(System.getProperty("framegrid.node.dir", "../../distribution/target/framegrid"));
    }

    /** A fresh folder under target/ for one test's files. */
    static Path workDir(String name) {
        try {
            Path base = Path.of(System.getProperty("framegrid.test.dir", "target/it-work"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every jar of the node's bundle/ folder, plus JUnit and test support for the probe, plus {@code extra}. */
    static Option[] node(Option... extra) {
        List<Option> options = new ArrayList<>();
        for (Path jar : jars(nodeDir().resolve("bundle"))) {
            options.add(fragment(jar) ? bundle(jar.toUri().toString()).noStart() : bundle(jar.toUri().toString()));
        }
        options.add(junitBundles());
        // Test support (org.framegrid.testing: Await) for the probe, from the test class path; never part of a node.
        options.add(bundle(Await.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        options.add(frameworkProperty("org.osgi.service.log.admin.loglevel").value("WARN"));
        options.addAll(List.of(extra));
        return options(options.toArray(Option[]::new));
    }

    /** {@link #node} with FileInstall watching a fresh folder (framework property felix.fileinstall.dir) every 100 ms. */
    static Option[] withDeployFolder(Option... extra) {
        Path deploy = workDir("deploy");
        List<Option> options = new ArrayList<>(List.of(
                frameworkProperty("felix.fileinstall.dir").value(deploy.toString()),
                frameworkProperty("felix.fileinstall.poll").value("100"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("felix.fileinstall.filter").value(".*\\.jar")));
        options.addAll(List.of(extra));
        return node(options.toArray(Option[]::new));
    }

    /** A sample bundle of the node (samples/), by the start of its file name. */
    static Path sample(String artifactId) {
        return jars(nodeDir().resolve("samples")).stream()
                .filter(jar -> jar.getFileName().toString().startsWith(artifactId + "-"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no sample " + artifactId + " in " + nodeDir()));
    }

    /** Fragments (e.g. JavaCPP's natives) are resolved with their host, never started. */
    private static boolean fragment(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    static List<Path> jars(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the node is not assembled at " + dir, e);
        }
    }
}
