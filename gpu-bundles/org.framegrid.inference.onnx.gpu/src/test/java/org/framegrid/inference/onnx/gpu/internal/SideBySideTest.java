package org.framegrid.inference.onnx.gpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;

/**
 * A node holds the CPU backend and this one in one JVM, each with its own copy of ONNX Runtime. Both cores used to be
 * {@code libonnxruntime.so.1}, so the second JNI library was bound to the first core loaded; the build now renames
 * this bundle's core (RenameLibrary), and each bundle's classes must run on their own core whichever loads first.
 * Runs on every machine: the CUDA build's CPU EP is enough to tell the cores apart.
 */
class SideBySideTest {

    @Test
    void theCpuBackendsOnnxRuntimeAndThisOneRunOnTheirOwnCores() throws Exception {
        URL cpuJar = Path.of(System.getProperty("framegrid.test.cpu-onnxruntime")).toUri().toURL();
        // The CPU backend's copy in a class loader of its own, as in its bundle, with the natives from its jar: the
        // JVM-wide onnxruntime.native.path that points this module's tests at target/cuda-natives is hidden meanwhile.
        String nativePath = System.clearProperty("onnxruntime.native.path");
        Set<?> cpuProviders;
        try (URLClassLoader cpu = new URLClassLoader(new URL[] {cpuJar}, null)) {
            Class<?> cpuEnvironment = cpu.loadClass(OrtEnvironment.class.getName());
            cpuEnvironment.getMethod("getEnvironment").invoke(null);
            cpuProviders = (Set<?>) cpuEnvironment.getMethod("getAvailableProviders").invoke(null);
        } finally {
            System.setProperty("onnxruntime.native.path", nativePath);
        }
        // This bundle's copy: the test class loader, natives from target/cuda-natives (onnxruntime.native.path).
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Set<OrtProvider> providers = OrtEnvironment.getAvailableProviders();

        assertEquals("[CPU]", cpuProviders.toString(), "the CPU backend runs on the CPU build");
        assertTrue(providers.contains(OrtProvider.CUDA), "this bundle runs on the CUDA build: " + providers);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(ProbeModel.bytes(), options);
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1f, 2f, 3f, 4f}),
                        new long[] {ProbeModel.LENGTH});
                OrtSession.Result y = session.run(Map.of(ProbeModel.INPUT, x))) {
            assertArrayEquals(new float[] {2f, 4f, 6f, 8f}, (float[]) y.get(0).getValue());
        }
    }
}
