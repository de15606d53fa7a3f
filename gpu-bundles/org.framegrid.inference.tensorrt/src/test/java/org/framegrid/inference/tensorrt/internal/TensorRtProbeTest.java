package org.framegrid.inference.tensorrt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.framegrid.inference.gpu.DeviceProbe;
import org.framegrid.testing.LogLines;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentContext;

/** The fallback path, on every machine: no TensorRT device means no backend service and one line saying why. */
class TensorRtProbeTest {

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
        try (LogLines log = LogLines.of(TensorRtProbe.class)) {
            TensorRtProbe probe = new TensorRtProbe(context, Fixtures.config(NO_SUCH_DEVICE, ""));
            DeviceProbe.Result result = probe.await(Duration.ofSeconds(120));
            assertFalse(result.present(), result.detail());
            assertEquals(List.of(), calls, "nothing enabled");
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertTrue(log.lines().get(0).matches("no TensorRT device \\(.+\\): the other backends serve inference"),
                    log.lines().get(0));
            System.out.println("[fallback] " + log.lines().get(0));
            probe.deactivate();
            assertEquals(List.of("disableComponent " + TensorRtBackend.PID), calls);
        }
    }

    @Test
    void theBackendNamesItselfAndRanksBetweenTheCpuAndOnnxRuntimeGpuBackends() {
        TensorRtBackend backend = new TensorRtBackend(null, Fixtures.config(0, ""));
        assertEquals("tensorrt", backend.name());
        assertEquals(org.framegrid.inference.api.DeviceKind.GPU, backend.deviceKind());
        assertTrue(backend.cacheDir().endsWith("framegrid-tensorrt"), backend.cacheDir().toString());
    }
}
