package org.framegrid.inference.onnx.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import org.framegrid.inference.api.ColorOrder;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Normalization;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorLayout;

/**
 * The real model bundles (test dependencies, built by org.framegrid.models) read the way the extender reads them:
 * descriptor at model/model.properties, model file next to it. And image to input tensor, following the descriptor.
 */
final class Fixtures {

    /** A model bundle's descriptor and model bytes. */
    record BundledModel(ModelDescriptor descriptor, byte[] bytes) {
    }

    private Fixtures() {
    }

    static BundledModel model(String name) throws Exception {
        org.framegrid.testing.Fixtures.MemoryModel model = org.framegrid.testing.Fixtures.bundled(name);
        return new BundledModel(model.descriptor(), model.bytes());
    }

    /** A direct buffer holding {@code bytes}, as a node would keep a model loaded from a bundle. */
    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** Scales {@code image} to the input size and writes it as the descriptor says (layout, channels, normalisation). */
    static Tensor input(ImageInput input, BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        Tensor tensor = Tensor.allocate(ElementType.FLOAT32, input.shape(width, height));
        FloatBuffer data = tensor.floats();
        Normalization norm = input.normalization();
        ColorOrder order = input.colorOrder();
        int channels = order.channels();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = scaled.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                for (int c = 0; c < channels; c++) {
                    float value = switch (order) {
                        case RGB, RGB_ONE -> c == 3 ? 1f : norm.apply(c, c == 0 ? r : c == 1 ? gr : b);
                        case BGR -> norm.apply(c, c == 0 ? b : c == 1 ? gr : r);
                        case GRAY -> norm.apply(0, (r * 299 + gr * 587 + b * 114) / 1000);
                    };
                    int index = input.layout() == TensorLayout.NHWC ? (y * width + x) * channels + c
                            : c * width * height + y * width + x;
                    data.put(index, value);
                }
            }
        }
        return tensor;
    }

    /** A face-free synthetic picture: a smooth diagonal colour gradient. */
    static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 128);
            }
        }
        return image;
    }

    static float sigmoid(float logit) {
        return (float) (1 / (1 + Math.exp(-logit)));
    }

}
