package org.framegrid.inference.onnx.gpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.framegrid.inference.gpu.DeviceProbe;
import org.framegrid.testing.LogLines;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentContext;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

/** The fallback path, on every machine: no usable device means no backend service and one line saying why. */
class CudaProbeTest {

    /** No machine has a CUDA device with this ordinal, so the probe fails here whether or not a GPU is present. */
    private static final int NO_SUCH_DEVICE = 4096;

    @Test
    void withoutADeviceTheBackendStaysDisabledAndOneLineSaysWhy() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        ComponentContext context = (ComponentContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ComponentContext.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + " " + (args == null ? "" : args[0]));
                    return null;
                });
        try (LogLines log = LogLines.of(CudaProbe.class)) {
            CudaProbe probe = new CudaProbe(context, Fixtures.config(NO_SUCH_DEVICE));
            DeviceProbe.Result result = probe.await(Duration.ofSeconds(120));
            assertFalse(result.present(), result.detail());
            assertEquals(List.of(), calls, "nothing enabled");
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertTrue(log.lines().get(0).matches("no CUDA device \\(.+\\): the CPU backend serves inference"), log.lines().get(0));
            System.out.println("[fallback] " + log.lines().get(0));
            probe.deactivate();
            assertEquals(List.of("disableComponent " + GpuOnnxBackend.PID), calls);
        }
    }

    @Test
    void theProbeModelIsAValidGraphThatDoublesItsInput() throws Exception {
        // On the CPU EP, which every ORT build has: so a probe failure on a GPU machine is never the model's fault.
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(ProbeModel.bytes(), options)) {
            assertEquals(List.of(ProbeModel.INPUT), List.copyOf(session.getInputNames()));
            FloatBuffer in = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder()).asFloatBuffer()
                    .put(new float[] {0.5f, -1f, 3f, 100f}).flip();
            try (OnnxTensor x = OnnxTensor.createTensor(env, in, new long[] {ProbeModel.LENGTH});
                    OrtSession.Result out = session.run(Map.of(ProbeModel.INPUT, x))) {
                assertArrayEquals(new float[] {1f, -2f, 6f, 200f}, (float[]) out.get(0).getValue());
            }
        }
    }

    @Test
    void theBackendNamesItselfAsAGpuBackend() {
        GpuOnnxBackend backend = new GpuOnnxBackend(Fixtures.config(0));
        assertEquals("onnxruntime-gpu", backend.name());
        assertEquals(org.framegrid.inference.api.DeviceKind.GPU, backend.deviceKind());
    }
}
