package org.framegrid.inference.tensorrt.internal;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Enables {@link TensorRtBackend} where TensorRT 11 and CUDA 13 load and the configured device exists; otherwise logs
 * one line and leaves inference to the other backends. Runs on its own thread so that activation is instant.
 */
@Component(name = TensorRtProbe.NAME, configurationPid = TensorRtBackend.PID)
public final class TensorRtProbe {

    static final String NAME = "org.framegrid.inference.tensorrt.probe";

    private static final Logger LOG = Logger.getLogger(TensorRtProbe.class.getName());

    record Result(boolean present, String detail) {
    }

    private final ComponentContext context;
    private final Thread thread;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private boolean active = true; // guarded by this: no enable after deactivate

    @Activate
    public TensorRtProbe(ComponentContext context, TensorRtBackend.Config config) {
        this.context = context;
        int device = config.device_id();
        thread = Thread.ofPlatform().name("framegrid-tensorrt-probe").daemon().unstarted(() -> decide(device));
        thread.start();
    }

    private void decide(int device) {
        Result found;
        try {
            found = probe(device);
        } catch (RuntimeException | LinkageError e) {
            found = new Result(false, e.toString());
        }
        synchronized (this) {
            if (active && found.present()) {
                context.enableComponent(TensorRtBackend.PID);
            }
        }
        LOG.info(found.present() ? found.detail() + ": the " + TensorRtBackend.NAME + " backend is available"
                : "no TensorRT device (" + found.detail() + "): the other backends serve inference");
        result.complete(found);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        synchronized (this) {
            active = false;
        }
        context.disableComponent(TensorRtBackend.PID);
        thread.join(Duration.ofSeconds(10)); // native calls cannot be interrupted; a stuck one is left as a daemon
    }

    Result await(Duration timeout) throws InterruptedException, TimeoutException, ExecutionException {
        return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Result probe(int device) {
        List<String> missing = LinkerCheck.missing(LinkerCheck.TENSORRT);
        if (!missing.isEmpty()) {
            return new Result(false, String.join(", ", missing) + " not found; the TensorRT backend needs the NVIDIA "
                    + "driver, CUDA 13, cuDNN 9 and TensorRT 11");
        }
        Loader.load(nvinfer.class);
        Loader.load(nvonnxparser.class);
        int[] count = new int[1];
        int status = cudaGetDeviceCount(count);
        if (status != cudaSuccess) {
            return new Result(false, "cudaGetDeviceCount: " + cudaGetErrorString(status).getString());
        }
        if (device < 0 || device >= count[0]) {
            return new Result(false, "device " + device + " requested, " + count[0] + " present");
        }
        int version = nvinfer.getInferLibVersion();
        return new Result(true, "CUDA device " + device + " of " + count[0] + ", TensorRT " + version);
    }
}
