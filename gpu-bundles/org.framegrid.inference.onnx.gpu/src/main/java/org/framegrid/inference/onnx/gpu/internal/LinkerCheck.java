package org.framegrid.inference.onnx.gpu.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of an execution provider's shared libraries the dynamic linker cannot find. Checked before ONNX Runtime is
 * asked for the provider, because ORT first extracts the 238 MB CUDA provider library to a temporary folder and then
 * reports only "Failed to load shared library", not which dependency is missing.
 */
final class LinkerCheck {

    /** DT_NEEDED of bytedeco's libonnxruntime_providers_cuda.so for ORT 1.28.0 (readelf -d), the driver first. */
    static final List<String> CUDA_EP = List.of("libcuda.so.1", "libcudart.so.13", "libcublas.so.13",
            "libcublasLt.so.13", "libcudnn.so.9");

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
