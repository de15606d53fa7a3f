package org.framegrid.models.internal.tflite;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files packed into a MediaPipe solution's {@code *_packed_assets.data} (Emscripten's file packager): the npm packages
 * @mediapipe/pose, face_mesh and hands ship their detector models this way, not as {@code .tflite} files. The
 * matching {@code *_packed_assets_loader.js} lists each file as {@code {"filename": "...", "start": N, "end": M}}.
 */
public final class PackedAssets {

    private static final Pattern ENTRY = Pattern.compile(
            "\\{\"filename\":\\s*\"([^\"]+)\",\\s*\"start\":\\s*(\\d+),\\s*\"end\":\\s*(\\d+)");

    private PackedAssets() {
    }

    /** Path inside the package's virtual file system (e.g. /third_party/.../pose_detection.tflite) to its bytes. */
    public static Map<String, byte[]> extract(String loaderJs, byte[] data) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Matcher entry = ENTRY.matcher(loaderJs);
        while (entry.find()) {
            long start = Long.parseLong(entry.group(2));
            long end = Long.parseLong(entry.group(3));
            if (start > end || end > data.length) {
                throw new IllegalArgumentException("packed asset " + entry.group(1) + " spans bytes " + start + ".."
                        + end + " of a " + data.length + "-byte data file");
            }
            files.put(entry.group(1), Arrays.copyOfRange(data, (int) start, (int) end));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the loader script lists no packed files");
        }
        return files;
    }
}
