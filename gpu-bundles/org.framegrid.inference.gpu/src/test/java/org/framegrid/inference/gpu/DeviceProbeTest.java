package org.framegrid.inference.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import org.framegrid.testing.LogLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentContext;

/** The probe's life cycle with probes that find a device, find none, or fail: what is enabled, and the one line. */
class DeviceProbeTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final ComponentContext context = (ComponentContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ComponentContext.class}, (proxy, method, args) -> {
                calls.add(method.getName() + " " + args[0]);
                return null;
            });
    private final Logger log = Logger.getLogger(DeviceProbeTest.class.getName());
    private final LogLines lines = LogLines.of(log);

    @AfterEach
    void stopListening() {
        lines.close();
    }

    private DeviceProbe.Result run(java.util.function.IntFunction<DeviceProbe.Result> probe) throws Exception {
        DeviceProbe p = new DeviceProbe(context, "backend", "test-probe", probe, 3, log,
                found -> (found.present() ? "found " : "none ") + found.detail());
        DeviceProbe.Result result = p.await(Duration.ofSeconds(10));
        p.stop();
        return result;
    }

    @Test
    void aDeviceEnablesTheBackendUntilTheProbeStops() throws Exception {
        assertEquals(new DeviceProbe.Result(true, "device 3"), run(d -> new DeviceProbe.Result(true, "device " + d)));
        assertEquals(List.of("enableComponent backend", "disableComponent backend"), calls);
        assertEquals(List.of("found device 3"), lines.lines());
    }

    @Test
    void noDeviceOrAFailingProbeEnablesNothingAndSaysWhy() throws Exception {
        assertEquals(new DeviceProbe.Result(false, "device 3 requested, 1 present"),
                run(d -> new DeviceProbe.Result(false, "device " + d + " requested, 1 present")));
        UnsatisfiedLinkError missing = new UnsatisfiedLinkError("no jnicudart");
        assertEquals(new DeviceProbe.Result(false, missing.toString()), run(d -> {
            throw missing;
        }));
        assertEquals(List.of("disableComponent backend", "disableComponent backend"), calls);
        assertEquals(List.of("none device 3 requested, 1 present", "none " + missing), lines.lines());
    }

    @Test
    void missingSharedLibrariesAreNamedAndPresentOnesAreNot() {
        assertEquals(List.of("libframegrid-no-such-library.so.1"),
                LinkerCheck.missing(List.of("libc.so.6", "libframegrid-no-such-library.so.1", "libm.so.6")));
    }
}
