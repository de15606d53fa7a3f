package org.framegrid.inference.onnx.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.framegrid.inference.api.DeviceKind;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.onnx.session.OnnxSessionBackend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/**
 * The CPU inference backend on ONNX Runtime. This bundle is the only one that loads ONNX Runtime's native library:
 * the ORT classes and the linux-x64 natives are embedded privately, side by side, because ORT extracts its natives
 * with {@code OnnxRuntime.class.getResourceAsStream}.
 *
 * <p>Activation is instant: the native library (about 30 MB, 0.2-0.4 s) is loaded on a thread of this component,
 * and {@link #load} waits for it. Models still open when the component deactivates are closed, so a bundle update
 * leaves no native session behind.
 */
@Component(name = "org.framegrid.inference.onnx", service = InferenceBackend.class,
        property = {InferenceBackend.NAME_PROPERTY + "=" + OnnxBackend.NAME,
                InferenceBackend.DEVICE_PROPERTY + "=CPU"})
public final class OnnxBackend extends OnnxSessionBackend {

    static final String NAME = "onnxruntime-cpu";

    private final CompletableFuture<OrtEnvironment> environment = new CompletableFuture<>();

    @Activate
    public OnnxBackend() {
        super(NAME, DeviceKind.CPU, options -> {
            // ORT's CPU kernels: no execution provider to add
        });
        Thread loader = Thread.ofPlatform().name("framegrid-onnxruntime-load").daemon().unstarted(() -> {
            try {
                // ERROR level: ORT's warnings (unused initialisers in exported graphs) are noise for operators.
                environment.complete(OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "framegrid"));
            } catch (Throwable e) {
                // UnsatisfiedLinkError on a platform without bundled natives: reported by every load().
                environment.completeExceptionally(e);
            }
        });
        loader.start();
    }

    @Deactivate
    void deactivate() {
        onnxSessions().closeAll();
    }

    @Override
    protected OrtEnvironment environment() throws InferenceException {
        try {
            return environment.get();
        } catch (ExecutionException e) {
            throw new InferenceException(NAME + ": the ONNX Runtime native library did not load: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException(NAME + ": interrupted while the native library loaded", e);
        }
    }
}
