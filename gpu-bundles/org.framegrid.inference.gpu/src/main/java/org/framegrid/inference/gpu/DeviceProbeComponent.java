package org.framegrid.inference.gpu;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.logging.Logger;

import org.framegrid.inference.gpu.DeviceProbe.Result;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Base of a GPU backend's probe component: it starts a {@link DeviceProbe} when activated and stops it when
 * deactivated, and its one line reads the same for every backend: what was found and who serves inference, or
 * {@code no <device> device (<why>): <fallback>}. The line goes to the subclass's logger. The subclass is the DS
 * component (bnd reads the inherited {@code @Deactivate}).
 */
public abstract class DeviceProbeComponent {

    private final DeviceProbe probe;

    /**
     * Starts the probe.
     *
     * @param context    the component's context, which enables the backend
     * @param backendPid the backend component's name, disabled in its bundle's metadata
     * @param probe      finds the device of an ordinal; never throws for a missing one
     * @param ordinal    the configured device ordinal
     * @param device     what the probe looks for, in the line: {@code CUDA}, {@code TensorRT}
     * @param served     what the line says after the device found: who serves inference now
     * @param fallback   what the line says when there is none: who serves inference instead
     */
    protected DeviceProbeComponent(ComponentContext context, String backendPid, IntFunction<Result> probe,
            int ordinal, String device, String served, String fallback) {
        this.probe = new DeviceProbe(context, backendPid, "framegrid-" + device.toLowerCase() + "-probe", probe,
                ordinal, Logger.getLogger(getClass().getName()), found -> found.present()
                        ? found.detail() + ": " + served
                        : "no " + device + " device (" + found.detail() + "): " + fallback);
    }

    /** Disables the backend again and waits for the probe thread. */
    @Deactivate
    public void deactivate() throws InterruptedException {
        probe.stop();
    }

    /** @return the probe's result once it has one (tests; the component itself never waits) */
    public Result await(Duration timeout) throws InterruptedException, TimeoutException {
        return probe.await(timeout);
    }

    /**
     * @param libraries the sonames the backend links, the driver first
     * @param needs     what the backend needs, for the line: "the TensorRT backend needs ..."
     * @return a result naming the libraries the dynamic linker cannot find, or {@code null} when it finds them all
     */
    protected static Result missing(List<String> libraries, String needs) {
        List<String> missing = LinkerCheck.missing(libraries);
        return missing.isEmpty() ? null : new Result(false, String.join(", ", missing) + " not found; " + needs);
    }
}
