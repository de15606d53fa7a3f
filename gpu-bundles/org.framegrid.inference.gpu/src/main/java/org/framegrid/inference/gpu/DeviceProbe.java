package org.framegrid.inference.gpu;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.logging.Logger;

import org.osgi.service.component.ComponentContext;

/**
 * Enables a GPU backend's component once a probe has seen its device work; where the probe finds none, the backend
 * stays disabled and one line says why. The probe runs on a thread of its own (loading the natives and creating a
 * CUDA context take 0.3 s to a few seconds), so the probe component that owns this activates at once.
 */
public final class DeviceProbe {

    /** What the probe found: a usable device, or why there is none. */
    public record Result(boolean present, String detail) {
    }

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final ComponentContext context;
    private final String backendPid;
    private final Thread thread;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private boolean active = true; // guarded by this: no enable after stop

    /**
     * Starts the probe.
     *
     * @param context    the probe component's context, which enables the backend
     * @param backendPid the backend component's name, disabled in its bundle's metadata
     * @param threadName the probe thread's name
     * @param probe      finds the device of an ordinal; never throws for a missing one
     * @param device     the configured device ordinal
     * @param log        where the one line goes (the probe component's logger)
     * @param line       the line, for what was found
     */
    public DeviceProbe(ComponentContext context, String backendPid, String threadName, IntFunction<Result> probe,
            int device, Logger log, Function<Result, String> line) {
        this.context = context;
        this.backendPid = backendPid;
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(() -> {
            Result found = decide(probe, device);
            log.info(line.apply(found));
            result.complete(found);
        });
        thread.start();
    }

    private Result decide(IntFunction<Result> probe, int device) {
        Result found;
        try {
            found = probe.apply(device);
        } catch (RuntimeException | LinkageError e) {
            found = new Result(false, e.toString());
        }
        synchronized (this) {
            if (active && found.present()) {
                context.enableComponent(backendPid);
            }
        }
        return found;
    }

    /** Disables the backend again; called when the probe component deactivates. */
    public void stop() throws InterruptedException {
        synchronized (this) {
            active = false;
        }
        context.disableComponent(backendPid);
        // Native calls cannot be interrupted; a probe stuck in the driver is left to finish as a daemon.
        thread.join(STOP_WAIT);
    }

    /** @return the probe's result once it has one (tests; the component itself never waits) */
    public Result await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // never completed exceptionally
        }
    }
}
