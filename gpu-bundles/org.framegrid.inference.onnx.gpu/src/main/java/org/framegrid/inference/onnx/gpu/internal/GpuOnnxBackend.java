package org.framegrid.inference.onnx.gpu.internal;

import org.framegrid.inference.api.DeviceKind;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.onnx.session.OnnxSessionBackend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * The GPU inference backend on ONNX Runtime's CUDA execution provider: each model runs on the CUDA EP of the
 * configured device, and on the CPU for the few nodes the CUDA EP has no kernel for.
 *
 * <p>Disabled until {@link CudaProbe} has seen the CUDA EP run on a device, so it is never registered on a machine
 * without one; there the CPU backend (ranking 0) serves inference. Where it is registered, its higher
 * {@code service.ranking} makes stages' greedy references pick it.
 *
 * <p>TensorRT is the other GPU bundle's ({@code org.framegrid.inference.tensorrt}): no ONNX Runtime build for CUDA 13
 * with the TensorRT EP is published.
 */
@Component(name = GpuOnnxBackend.PID, enabled = false, service = InferenceBackend.class,
        property = {InferenceBackend.NAME_PROPERTY + "=" + GpuOnnxBackend.NAME,
                InferenceBackend.DEVICE_PROPERTY + "=GPU",
                "service.ranking:Integer=" + GpuOnnxBackend.RANKING})
@Designate(ocd = GpuOnnxBackend.Config.class)
public final class GpuOnnxBackend extends OnnxSessionBackend {

    static final String PID = "org.framegrid.inference.onnx.gpu";
    static final String NAME = "onnxruntime-gpu";
    /** Above the CPU backend, which registers without a ranking (0). */
    static final int RANKING = 100;

    @ObjectClassDefinition(name = "Framegrid ONNX Runtime GPU backend",
            description = "The CUDA execution provider of ONNX Runtime 1.28 (CUDA 13, cuDNN 9)")
    public @interface Config {

        @AttributeDefinition(description = "CUDA device ordinal the models run on (and the probe checks)")
        int device_id() default 0;
    }

    @Activate
    public GpuOnnxBackend(Config config) {
        super(NAME, DeviceKind.GPU, options -> options.addCUDA(config.device_id()));
    }

    @Deactivate
    void deactivate() {
        onnxSessions().closeAll();
    }

    /** The options every model of this backend gets: the CPU backend's, then the CUDA EP on the configured device. */
    SessionOptions sessionOptions(InferenceOptions options) throws OrtException {
        return onnxSessions().sessionOptions(options);
    }

    @Override
    protected OrtEnvironment environment() throws InferenceException {
        try {
            // Already loaded by the probe, which enabled this component: a lookup, not a load.
            return OrtEnvironment.getEnvironment();
        } catch (LinkageError e) {
            throw new InferenceException(NAME + ": the ONNX Runtime native library did not load: " + e, e);
        }
    }
}
