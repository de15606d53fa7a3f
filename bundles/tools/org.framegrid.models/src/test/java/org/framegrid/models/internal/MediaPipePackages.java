package org.framegrid.models.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.framegrid.models.internal.tflite.PackedAssets;
import org.framegrid.testing.Fixture;

/**
 * The original {@code .tflite} files of MediaPipe's four npm packages, for the converter's tests: read from the
 * tarballs the packager fetched into the model cache (the same pinned SHA-256 values as the specs), both the plain
 * {@code package/*.tflite} entries and those packed into {@code *_packed_assets.data}. Read once per test JVM.
 */
public final class MediaPipePackages {

    /** npm package spec, tarball SHA-256, its plain model files, the packed-assets loader's prefix (or null). */
    private record Package(String spec, String sha256, List<String> tflite, String loader) {
    }

    private static final List<Package> PACKAGES = List.of(
            new Package("@mediapipe/selfie_segmentation@0.1.1675465747",
                    "7767b33eaa68990ee06c28bbb89f39a13a47ebb07ff0f1fd4947d9e817bb9bf9",
                    List.of("selfie_segmentation.tflite", "selfie_segmentation_landscape.tflite"), null),
            new Package("@mediapipe/pose@0.5.1675469404",
                    "8bb349a7b3a3ba699df23be804ddd3b3eab810b50b15406894be257859388a84",
                    List.of("pose_landmark_lite.tflite", "pose_landmark_full.tflite", "pose_landmark_heavy.tflite"),
                    "pose_solution"),
            new Package("@mediapipe/face_mesh@0.4.1657299874",
                    "c08a7e0742a326285da666cf81d77c8b6f3a181a2ee948cadaf166008e0d3bc7", List.of(),
                    "face_mesh_solution"),
            new Package("@mediapipe/hands@0.4.1675469240",
                    "bdd5be939c60cbd72a49f4b6141407683cf2a67263598e1a44757d70b3dfcb8a",
                    List.of("hand_landmark_lite.tflite", "hand_landmark_full.tflite"), "hands_solution"));

    private static Map<String, byte[]> files;

    private MediaPipePackages() {
    }

    /**
     * @param file a model's file name, e.g. {@code pose_detection.tflite}
     * @return its bytes; when the packages cannot be had the test fails on CI and is skipped elsewhere
     */
    public static synchronized byte[] model(String file) throws IOException, InterruptedException {
        if (files == null) {
            files = read();
        }
        byte[] model = files.get(file);
        if (model == null) {
            throw new IllegalArgumentException("no " + file + " in MediaPipe's packages (they hold "
                    + files.keySet() + ")");
        }
        return model;
    }

    /** @return every model file name the packages hold */
    public static synchronized Set<String> names() throws IOException, InterruptedException {
        model("selfie_segmentation.tflite");
        return Set.copyOf(files.keySet());
    }

    private static Map<String, byte[]> read() throws IOException, InterruptedException {
        Path cache = Path.of(System.getProperty("framegrid.models.cache",
                System.getProperty("user.home") + "/.cache/framegrid/models"));
        NpmCache npm = new NpmCache(cache, System.getProperty("framegrid.npm", "npm"));
        Map<String, byte[]> all = new LinkedHashMap<>();
        for (Package p : PACKAGES) {
            Path tgz;
            try {
                tgz = npm.tarball(p.spec(), p.sha256(), MediaPipePackages.class.getSimpleName());
            } catch (IOException e) {
                Fixture.require(false, "MediaPipe's npm package " + p.spec() + " is not in " + cache
                        + " and could not be fetched (" + e.getMessage() + "); the model build fetches it");
                throw e;
            }
            Set<String> wanted = new HashSet<>();
            p.tflite().forEach(name -> wanted.add("package/" + name));
            if (p.loader() != null) {
                wanted.add("package/" + p.loader() + "_packed_assets_loader.js");
                wanted.add("package/" + p.loader() + "_packed_assets.data");
            }
            Map<String, byte[]> entries = Tarball.read(tgz, wanted);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (e.getKey().endsWith(".tflite")) {
                    all.put(fileName(e.getKey()), e.getValue());
                }
            }
            if (p.loader() != null) {
                String js = new String(entries.get("package/" + p.loader() + "_packed_assets_loader.js"),
                        StandardCharsets.UTF_8);
                Map<String, byte[]> packed = new HashMap<>(PackedAssets.extract(js,
                        entries.get("package/" + p.loader() + "_packed_assets.data")));
                packed.forEach((path, bytes) -> {
                    if (path.endsWith(".tflite")) {
                        all.put(fileName(path), bytes);
                    }
                });
            }
        }
        return all;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Writes every model into {@code dir} (for the browser reference run), returns the directory. */
    public static Path writeAll(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        for (String name : names()) {
            Path target = dir.resolve(name);
            if (!Files.isRegularFile(target)) {
                Files.write(target, model(name));
            }
        }
        return dir;
    }
}
