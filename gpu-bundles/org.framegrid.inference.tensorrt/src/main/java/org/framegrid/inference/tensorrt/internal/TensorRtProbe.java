package org.framegrid.inference.tensorrt.internal;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.framegrid.inference.gpu.DeviceProbe;
import org.framegrid.inference.gpu.DeviceProbe.Result;
import org.framegrid.inference.gpu.LinkerCheck;
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

    /** What the nvinfer and nvonnxparser presets 11.2-1.5.14 link (their @Platform link lists), the driver first. */
    static final List<String> TENSORRT = List.of("libcuda.so.1", "libcudart.so.13", "libcublas.so.13",
            "libcudnn.so.9", "libnvrtc.so.13", "libnvinfer.so.11", "libnvonnxparser.so.11");

    private static final Logger LOG = Logger.getLogger(TensorRtProbe.class.getName());

    private final DeviceProbe probe;

    @Activate
    public TensorRtProbe(ComponentContext context, TensorRtBackend.Config config) {
        probe = new DeviceProbe(context, TensorRtBackend.PID, "framegrid-tensorrt-probe", TensorRtProbe::probe,
                config.device_id(), LOG, found -> found.present()
                        ? found.detail() + ": the " + TensorRtBackend.NAME + " backend is available"
                        : "no TensorRT device (" + found.detail() + "): the other backends serve inference");
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        probe.stop();
    }

    /** @return the probe's result once it has one (tests; the component itself never waits) */
    Result await(Duration timeout) throws InterruptedException, TimeoutException {
        return probe.await(timeout);
    }

    /** Loads the presets and counts the devices; never throws for a missing device. */
    static Result probe(int device) {
        List<String> missing = LinkerCheck.missing(TENSORRT);
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
