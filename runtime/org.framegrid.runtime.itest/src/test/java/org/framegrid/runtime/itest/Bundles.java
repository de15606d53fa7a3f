package org.framegrid.runtime.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Makes "a newer release" of a bundle for hot-deploy tests: the same content with other manifest headers or entries. */
final class Bundles {

    private Bundles() {
    }

    /** Copies {@code from} to {@code to}, setting (or replacing) the given main manifest headers. */
    static void withHeaders(Path from, Path to, Map<String, String> headers) throws IOException {
        rewrite(from, to, headers, Map.of());
    }

    /**
     * Copies {@code from} to {@code to}, setting the given main manifest headers and passing the bytes of the named
     * entries through their function (e.g. a model descriptor with another version, a truncated model file).
     */
    static void rewrite(Path from, Path to, Map<String, String> headers, Map<String, UnaryOperator<byte[]>> entries)
            throws IOException {
        try (InputStream in = Files.newInputStream(from); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = new Manifest(jar.getManifest());
            Attributes main = manifest.getMainAttributes();
            headers.forEach(main::putValue);
            try (OutputStream out = Files.newOutputStream(to); JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    UnaryOperator<byte[]> change = entries.get(entry.getName());
                    if (change == null) {
                        jar.transferTo(copy);
                    } else {
                        copy.write(change.apply(jar.readAllBytes()));
                    }
                    copy.closeEntry();
                }
            }
        }
    }
}
