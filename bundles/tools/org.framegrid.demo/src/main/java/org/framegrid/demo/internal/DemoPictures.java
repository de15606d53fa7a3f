package org.framegrid.demo.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real pictures the demo's camera shows: skimage's astronaut and darknet's person (a face close up, a body at full
 * length), which the build fetches with the other test images into {@code ~/.cache/framegrid/images} (system property
 * {@code framegrid.test.images}).
 */
final class DemoPictures {

    static final List<String> NAMES = List.of("astronaut.png", "person.jpg");

    private DemoPictures() {
    }

    /** @return the pictures as test-source's {@code pictures}; empty (and a line saying why) when one is missing */
    static String files() {
        Path dir = Path.of(System.getProperty("framegrid.test.images",
                System.getProperty("user.home") + "/.cache/framegrid/images"));
        List<Path> files = NAMES.stream().map(dir::resolve).toList();
        List<Path> missing = files.stream().filter(f -> !Files.isRegularFile(f)).toList();
        if (!missing.isEmpty()) {
            System.out.println("the demo's pictures are missing (" + missing + "; the build fetches them with "
                    + "bundles/tools/org.framegrid.models/src/build/fetch-test-images.sh): streaming test-source's "
                    + "synthetic pattern instead");
            return "";
        }
        return files.stream().map(Path::toString).collect(Collectors.joining(","));
    }
}
