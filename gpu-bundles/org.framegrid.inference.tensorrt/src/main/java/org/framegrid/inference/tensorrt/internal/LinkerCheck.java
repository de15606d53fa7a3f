package org.framegrid.inference.tensorrt.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the machine's CUDA and TensorRT libraries the dynamic linker cannot find. Checked before JavaCPP loads the
 * presets, whose failure names only the first JNI library that did not link.
 */
final class LinkerCheck {

    /** What the nvinfer and nvonnxparser presets 11.2-1.5.14 link (their @Platform link lists), the driver first. */
    static final List<String> TENSORRT = List.of("libcuda.so.1", "libcudart.so.13", "libcublas.so.13",
            "libcudnn.so.9", "libnvrtc.so.13", "libnvinfer.so.11", "libnvonnxparser.so.11");

    private LinkerCheck() {
    }

    /** @return the sonames of {@code libraries} that dlopen cannot load, in the order given */
    static List<String> missing(List<String> libraries) {
        List<String> missing = new ArrayList<>();
        for (String library : libraries) {
            // A confined arena unloads the library again when closed: this is a look, not a load for later.
            try (Arena arena = Arena.ofConfined()) {
                SymbolLookup.libraryLookup(library, arena);
            } catch (IllegalArgumentException e) {
                missing.add(library);
            }
        }
        return missing;
    }
}
