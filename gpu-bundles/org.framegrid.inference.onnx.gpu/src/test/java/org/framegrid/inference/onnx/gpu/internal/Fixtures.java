package org.framegrid.inference.onnx.gpu.internal;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.Properties;

import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorLayout;
import org.framegrid.inference.models.internal.DescriptorParser;
import org.junit.jupiter.api.Assumptions;

/** Real model bundles read the way the extender reads them, a picture-like input, and the device check. */
final class Fixtures {

    /** A model bundle's descriptor and model bytes. */
    record BundledModel(ModelDescriptor descriptor, byte[] bytes) {

        ByteBuffer direct() {
            return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        }
    }

    /** Probed once per test JVM: the answer does not change, and a failing probe may print ORT's own error. */
    private static CudaProbe.Result device;

    private Fixtures() {
    }

    /** Skips the calling test, with the probe's reason, on a machine where the CUDA EP cannot run. */
    static synchronized CudaProbe.Result device() {
        if (device == null) {
            device = CudaProbe.probe(0);
        }
        return device;
    }

    static void assumeDevice() {
        CudaProbe.Result device = device();
        Assumptions.assumeTrue(device.present(), "GPU test skipped: no CUDA device (" + device.detail() + ")");
    }

    static BundledModel model(String name) throws Exception {
        for (URL url : Collections.list(Fixtures.class.getClassLoader().getResources("model/model.properties"))) {
            Properties properties = new Properties();
            try (InputStream in = url.openStream()) {
                properties.load(in);
            }
            if (name.equals(properties.getProperty("name"))) {
                ModelDescriptor descriptor = DescriptorParser.parse(properties, url.toString());
                try (InputStream in = new URL(url, descriptor.properties().get("file")).openStream()) {
                    return new BundledModel(descriptor, in.readAllBytes());
                }
            }
        }
        throw new IllegalStateException("no model bundle " + name + " on the test class path (built by org.framegrid.models)");
    }

    /** The descriptor's input at {@code size x size}, filled with a smooth colour gradient in its value range. */
    static Tensor gradient(ModelDescriptor descriptor, int size) {
        var input = descriptor.input();
        Tensor tensor = Tensor.allocate(org.framegrid.inference.api.ElementType.FLOAT32, input.shape(size, size));
        FloatBuffer data = tensor.floats();
        int channels = input.colorOrder().channels();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int[] rgb = {x * 255 / size, y * 255 / size, 128};
                for (int c = 0; c < channels; c++) {
                    int index = input.layout() == TensorLayout.NHWC ? (y * size + x) * channels + c
                            : c * size * size + y * size + x;
                    data.put(index, input.normalization().apply(c, rgb[c % 3]));
                }
            }
        }
        return tensor;
    }

    /** The backend's configuration with {@code device}. */
    static GpuOnnxBackend.Config config(int device) {
        return new GpuOnnxBackend.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GpuOnnxBackend.Config.class;
            }

            @Override
            public int device_id() {
                return device;
            }
        };
    }
}
