package org.framegrid.inference.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a backend's shared libraries the dynamic linker cannot find. Checked before the native runtime is asked for
 * them, because neither says which dependency is missing: ONNX Runtime first extracts the 238 MB CUDA provider library
 * and then reports only "Failed to load shared library"; JavaCPP names only the first JNI library that did not link.
 */
public final class LinkerCheck {

    private LinkerCheck() {
    }

    /** @return the sonames of {@code libraries} that dlopen cannot load, in the order given */
    public static List<String> missing(List<String> libraries) {
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
