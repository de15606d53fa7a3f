package org.framegrid.inference.onnx.gpu.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.framegrid.inference.gpu.DeviceProbeComponent;
import org.framegrid.inference.gpu.DeviceProbe.Result;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;

/**
 * Decides whether this node has a CUDA device that ONNX Runtime can use, and only then enables
 * {@link GpuOnnxBackend}; otherwise it logs one line and the CPU backend serves inference.
 *
 * <p>"A device" means what inference needs, not what {@code nvidia-smi} shows: the CUDA EP's libraries load, and a
 * session on the configured device runs {@link ProbeModel} and returns the right numbers. The probe runs on a thread
 * of this component (ORT's native load plus CUDA context creation take 0.3 s to a few seconds), so activation is
 * instant.
 */
@Component(name = CudaProbe.NAME, configurationPid = GpuOnnxBackend.PID)
public final class CudaProbe extends DeviceProbeComponent {

    static final String NAME = "org.framegrid.inference.onnx.gpu.probe";

    /** DT_NEEDED of bytedeco's libonnxruntime_providers_cuda.so for ORT 1.28.0 (readelf -d), the driver first. */
    static final List<String> CUDA_EP = List.of("libcuda.so.1", "libcudart.so.13", "libcublas.so.13",
            "libcublasLt.so.13", "libcudnn.so.9");

    @Activate
    public CudaProbe(ComponentContext context, GpuOnnxBackend.Config config) {
        super(context, GpuOnnxBackend.PID, CudaProbe::probe, config.device_id(), "CUDA", GpuOnnxBackend.NAME
                + " serves inference (service.ranking " + GpuOnnxBackend.RANKING + ")", "the CPU backend serves inference");
    }

    /** Runs {@link ProbeModel} on the CUDA EP of {@code device}; never throws for a missing device. */
    static Result probe(int device) {
        // Checked first: ORT would extract the 238 MB CUDA provider only to fail on the same missing library.
        Result missing = missing(CUDA_EP, "the CUDA EP of ONNX Runtime 1.28 needs the NVIDIA driver, CUDA 13 "
                + "(cudart, cuBLAS) and cuDNN 9");
        if (missing != null) {
            return missing;
        }
        OrtEnvironment env;
        try {
            env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "framegrid");
        } catch (LinkageError e) {
            return new Result(false, "ONNX Runtime GPU did not load: " + e.getMessage());
        }
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            return new Result(false, "this ONNX Runtime build has no CUDA EP: " + OrtEnvironment.getAvailableProviders());
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.addCUDA(device);
            try (OrtSession session = env.createSession(ProbeModel.bytes(), options)) {
                float[] x = {1f, 2f, 3f, 4f};
                FloatBuffer in = ByteBuffer.allocateDirect(x.length * Float.BYTES).order(ByteOrder.nativeOrder())
                        .asFloatBuffer().put(x).flip();
                try (OnnxTensor input = OnnxTensor.createTensor(env, in, new long[] {ProbeModel.LENGTH});
                        OrtSession.Result out = session.run(Map.of(ProbeModel.INPUT, input))) {
                    float[] y = (float[]) out.get(0).getValue();
                    if (!Arrays.equals(y, new float[] {2f, 4f, 6f, 8f})) {
                        return new Result(false, "the CUDA EP on device " + device + " computed x+x for "
                                + Arrays.toString(x) + " as " + Arrays.toString(y));
                    }
                }
            }
            return new Result(true, "CUDA device " + device + " (ONNX Runtime " + env.getVersion() + ", CUDA EP)");
        } catch (OrtException e) {
            return new Result(false, "the CUDA EP did not start on device " + device + ": " + e.getMessage());
        }
    }
}
