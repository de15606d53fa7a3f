package org.framegrid.models.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.framegrid.models.internal.tflite.TfliteToOnnx;

/**
 * Build step: turns each model spec ({@code src/main/models/ID.properties}) into a model bundle
 * {@code OUT/ID.jar}: the model file, its descriptor ({@code model/model.properties}: the spec without its
 * {@code bundle.*} keys), its licence text and extra files, and a manifest with the {@code framegrid.model}
 * capability and a requirement on the model extender. Bundles hold no code.
 *
 * <p>Usage: {@code ModelPackager SPECS LICENSES CACHE OUT NPM TIMESTAMP ID[,ID...]}.
 */
public final class ModelPackager {

    /** The descriptor's place in the bundle; the model extender's default. */
    static final String DESCRIPTOR = "model/model.properties";

    private final Path specs;
    private final Path licenses;
    private final NpmCache cache;
    private final FileTime time;

    ModelPackager(Path specs, Path licenses, NpmCache cache, Instant time) {
        this.specs = specs;
        this.licenses = licenses;
        this.cache = cache;
        this.time = FileTime.from(time);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: ModelPackager SPECS LICENSES CACHE OUT NPM TIMESTAMP ID[,ID...]");
            System.exit(2);
        }
        ModelPackager packager = new ModelPackager(Path.of(args[0]), Path.of(args[1]),
                new NpmCache(Path.of(args[2]), args[4]), Instant.parse(args[5]));
        Path out = Files.createDirectories(Path.of(args[3]));
        try {
            for (String id : args[6].split("\\s*,\\s*")) {
                long start = System.nanoTime();
                if (packager.upToDate(id, out)) {
                    continue;
                }
                Path jar = packager.build(id, out);
                System.out.printf("[models] %s: %s (%,d bytes, %d ms)%n", id, jar.getFileName(), Files.size(jar),
                        (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException e) {
            // One clear line for the Maven log instead of a stack trace: it says what, where and what to do.
            System.err.println("[models] FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * A bundle newer than its spec and the licence texts is kept: re-reading a 113 MB tarball on every build of
     * this module would cost seconds for nothing. The bundle's content is checked by this module's tests anyway.
     */
    boolean upToDate(String id, Path out) throws IOException {
        Path jar = out.resolve(id + ".jar");
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        FileTime built = Files.getLastModifiedTime(jar);
        List<Path> inputs = new java.util.ArrayList<>(List.of(specs.resolve(id + ".properties")));
        try (var files = Files.list(licenses)) {
            files.forEach(inputs::add);
        }
        for (Path input : inputs) {
            if (Files.getLastModifiedTime(input).compareTo(built) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Fetches (or reads from the cache), verifies and wraps model {@code id}; returns the bundle. */
    Path build(String id, Path out) throws IOException, InterruptedException {
        Path specFile = specs.resolve(id + ".properties");
        Properties spec = new Properties();
        try (InputStream in = Files.newInputStream(specFile)) {
            spec.load(in);
        }
        ModelSource source = new ModelSource(spec, specFile.toString());
        ModelSource.Files files = source.extract(cache);
        byte[] model = transform(source, spec, files.model(), specFile);
        String name = source.required("name");
        String version = source.required("version");
        String license = source.required("license");

        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.framegrid.model." + id);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Name", "Framegrid model " + name + " " + version);
        main.putValue("Bundle-License", license);
        main.putValue("Bundle-Vendor", "Framegrid (model from " + source.required("source.package") + ")");
        main.putValue("Provide-Capability", "framegrid.model;framegrid.model=\"" + name + "\";name=\"" + name
                + "\";version:Version=\"" + version + "\";task=\"" + source.required("task") + "\";descriptor=\""
                + DESCRIPTOR + "\"");
        // Resolves only where an extender reads it; the data needs nothing else.
        main.putValue("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=framegrid.model)"
                + "(version>=1.0.0)(!(version>=2.0.0)))\"");

        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(DESCRIPTOR, descriptor(spec));
        entries.put("model/" + source.required("file"), model);
        for (Map.Entry<String, byte[]> extra : files.extras().entrySet()) {
            String fileName = extra.getKey().substring(extra.getKey().lastIndexOf('/') + 1);
            boolean isLicense = extra.getKey().equals(spec.getProperty("bundle.license.entry"));
            entries.put(isLicense ? "model/LICENSE.txt" : "model/" + fileName, extra.getValue());
        }
        String licenseFile = spec.getProperty("bundle.license.file");
        if (licenseFile != null) {
            entries.put("model/LICENSE.txt", Files.readAllBytes(licenses.resolve(licenseFile.trim())));
        }
        if (!entries.containsKey("model/LICENSE.txt")) {
            throw new IOException(specFile + ": no licence text (bundle.license.entry or bundle.license.file)");
        }
        String notice = spec.getProperty("bundle.notice");
        if (notice != null) {
            entries.put("model/NOTICE.txt", notice.getBytes(StandardCharsets.UTF_8));
        }

        Path jar = out.resolve(id + ".jar");
        Path partial = out.resolve(id + ".jar.part");
        try (OutputStream file = Files.newOutputStream(partial); JarOutputStream zip = new JarOutputStream(file)) {
            put(zip, "META-INF/MANIFEST.MF", manifestBytes(manifest));
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(zip, entry.getKey(), entry.getValue());
            }
        }
        Files.move(partial, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }

    /**
     * Applies {@code source.transform} when the spec has one ({@code dynamic-resize}: {@link DynamicResize};
     * {@code tflite2onnx}: {@link TfliteToOnnx}, with {@code source.transform.layout} NHWC (default) or NCHW) and
     * checks the result against {@code source.transform.size} and {@code source.transform.sha256}: both are
     * deterministic, so their output is pinned like a download.
     */
    private static byte[] transform(ModelSource source, Properties spec, byte[] model, Path specFile) throws IOException {
        String transform = spec.getProperty("source.transform");
        if (transform == null) {
            return model;
        }
        byte[] result = switch (transform.trim()) {
            case "dynamic-resize" -> DynamicResize.apply(model);
            case "tflite2onnx" -> convert(model, spec.getProperty("source.transform.layout", "NHWC").trim(), specFile);
            default -> throw new IOException(specFile + ": source.transform: unknown transform '" + transform
                    + "' (known: dynamic-resize, tflite2onnx)");
        };
        long size = Long.parseLong(source.required("source.transform.size"));
        if (result.length != size) {
            throw new IOException(specFile + ": the transformed model is " + result.length + " bytes, source.transform.size pins " + size);
        }
        Sha256.check("model " + source.required("name") + " after " + transform, source.required("source.transform.sha256"),
                Sha256.of(result), specFile.toString());
        return result;
    }

    /** TFLite to ONNX; an operator the converter does not cover is one line naming it and the spec. */
    private static byte[] convert(byte[] tflite, String layout, Path specFile) throws IOException {
        TfliteToOnnx.Layout ioLayout;
        try {
            ioLayout = TfliteToOnnx.Layout.valueOf(layout);
        } catch (IllegalArgumentException e) {
            throw new IOException(specFile + ": source.transform.layout '" + layout + "' is not NHWC or NCHW");
        }
        try {
            return TfliteToOnnx.convert(tflite, new TfliteToOnnx.Options(ioLayout));
        } catch (IllegalArgumentException e) {
            // UnsupportedOperatorException included: its message names the operator, its index and output tensor.
            throw new IOException(specFile + ": tflite2onnx: " + e.getMessage(), e);
        }
    }

    /** The spec without its build-only {@code bundle.*} keys, sorted, with no date line (reproducible). */
    private static byte[] descriptor(Properties spec) throws IOException {
        StringWriter text = new StringWriter();
        text.write("# Framegrid model descriptor, written by org.framegrid.models from its spec.\n");
        for (String key : new TreeMap<>(Map.copyOf(spec)).keySet().stream().map(Object::toString).toList()) {
            if (!key.startsWith("bundle.")) {
                Properties one = new Properties();
                one.setProperty(key, spec.getProperty(key));
                StringWriter line = new StringWriter();
                one.store(line, null);
                line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.write(l + "\n"));
            }
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] manifestBytes(Manifest manifest) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        manifest.write(bytes);
        return bytes.toByteArray();
    }

    private void put(JarOutputStream zip, String name, byte[] data) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setLastModifiedTime(time);
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
