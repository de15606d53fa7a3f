package org.framegrid.testing;

import java.util.List;
import java.util.ServiceLoader;

import org.framegrid.api.stage.StageProvider;
import org.framegrid.inference.api.InferenceBackend;

/**
 * Another bundle's stage providers, inference backends and other services, found through their exported service interfaces (each
 * implementation bundle lists them in {@code META-INF/services}) on the test class path, as DS would bind them in a
 * node. A test never constructs another bundle's internal class.
 */
public final class Providers {

    /** The CPU backend's {@link InferenceBackend#name()} (org.framegrid.inference.onnx). */
    public static final String CPU_BACKEND = "onnxruntime-cpu";

    private Providers() {
    }

    /**
     * @param type a stage type, e.g. {@code test-source}
     * @return a new provider of that type from the test class path
     * @throws IllegalStateException naming the type when no module on the class path provides it
     */
    public static StageProvider stage(String type) {
        for (StageProvider provider : ServiceLoader.load(StageProvider.class, Providers.class.getClassLoader())) {
            if (provider.descriptor().type().equals(type)) {
                return provider;
            }
        }
        throw new IllegalStateException("no stage provider of type '" + type + "' on the test class path (add the "
                + "bundle that provides it as a test dependency)");
    }

    /**
     * @param name a backend name, e.g. {@link #CPU_BACKEND}
     * @return a new backend of that name from the test class path
     * @throws IllegalStateException naming the backend when no module on the class path provides it
     */
    public static InferenceBackend backend(String name) {
        for (InferenceBackend backend : ServiceLoader.load(InferenceBackend.class, Providers.class.getClassLoader())) {
            if (backend.name().equals(name)) {
                return backend;
            }
        }
        throw new IllegalStateException("no inference backend '" + name + "' on the test class path (add the bundle "
                + "that provides it as a test dependency)");
    }

    /**
     * @param service an exported service interface, e.g. {@code org.framegrid.trickle.TrickleServerFactory}
     * @return a new instance of the one implementation of {@code service} on the test class path, as DS would bind it
     *     in a node; the caller closes it if it is {@link AutoCloseable}, as DS would deactivate it
     * @throws IllegalStateException naming the interface when no module on the class path implements it, or several
     */
    public static <S> S service(Class<S> service) {
        List<ServiceLoader.Provider<S>> found = ServiceLoader.load(service, Providers.class.getClassLoader()).stream()
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " implementations of " + service.getName() + " on the "
                    + "test class path, not one (add the bundle that provides it as a test dependency): "
                    + found.stream().map(ServiceLoader.Provider::type).toList());
        }
        return found.getFirst().get();
    }

    /** @return a new CPU backend (ONNX Runtime), as org.framegrid.inference.onnx registers it in a node */
    public static InferenceBackend cpuBackend() {
        return backend(CPU_BACKEND);
    }
}
