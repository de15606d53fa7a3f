package org.framegrid.inference.tensorrt.internal;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;

import java.util.List;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.framegrid.inference.gpu.DeviceProbeComponent;
import org.framegrid.inference.gpu.DeviceProbe.Result;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Enables {@link TensorRtBackend} where TensorRT 11 and CUDA 13 load and the configured device exists; otherwise logs
 * one line and leaves inference to the other backends. Runs on its own thread so that activation is instant.
 */
@Component(name = TensorRtProbe.NAME, configurationPid = TensorRtBackend.PID)
public final class TensorRtProbe extends DeviceProbeComponent {

    static final String NAME = "org.framegrid.inference.tensorrt.probe";

    /** What the nvinfer and nvonnxparser presets 11.2-1.5.14 link (their @Platform link lists), the driver first. */
    static final List<String> TENSORRT = List.of("libcuda.so.1", "libcudart.so.13", "libcublas.so.13",
            "libcudnn.so.9", "libnvrtc.so.13", "libnvinfer.so.11", "libnvonnxparser.so.11");

    @Activate
    public TensorRtProbe(ComponentContext context, TensorRtBackend.Config config) {
        super(context, TensorRtBackend.PID, TensorRtProbe::probe, config.device_id(), "TensorRT",
                "the " + TensorRtBackend.NAME + " backend is available", "the other backends serve inference");
    }

    /** Loads the presets and counts the devices; never throws for a missing device. */
    static Result probe(int device) {
        Result missing = missing(TENSORRT, "the TensorRT backend needs the NVIDIA driver, CUDA 13, cuDNN 9 and "
                + "TensorRT 11");
        if (missing != null) {
            return missing;
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
