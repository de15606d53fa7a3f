package org.framegrid.testing;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import javax.imageio.ImageIO;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.Model;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.inference.api.TensorLayout;
import org.framegrid.inference.models.descriptor.DescriptorParser;

/**
 * What the model-stage tests share: real model bundles on the test class path as {@link Model}s (read the way the
 * extender reads them, with its exported descriptor parser), synthetic models, the real test images, frames, and a
 * stage instance run outside any pipeline. Test support only: no stage code refers to it.
 */
public final class Fixtures {

    /** A stage context outside the engine. */
    public record Context(String streamId, String nodeName, PixelFormat inputFormat, PixelFormat outputFormat,
            FramePool pool) implements StageContext {
        /** Not overriding on purpose: filters never end a stream, and this compiles against stage API 1.0 and 1.1. */
        public void endOfStream() {
            throw new UnsupportedOperationException("filters do not end streams");
        }
    }

    /** A model whose files are in memory: the model and its extra resources (label files). */
    public record MemoryModel(ModelDescriptor descriptor, byte[] bytes, Map<String, byte[]> resources, String origin)
            implements Model {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public InputStream openResource(String name) throws FileNotFoundException {
            byte[] resource = resources.get(name);
            if (resource == null) {
                throw new FileNotFoundException(origin + " has no file " + name);
            }
            return new ByteArrayInputStream(resource);
        }
    }

    private Fixtures() {
    }

    /** The model bundle of model {@code name} on the test class path, with every descriptor-named resource read. */
    public static MemoryModel bundled(String name) throws Exception {
        for (URL url : Collections.list(Fixtures.class.getClassLoader().getResources("model/model.properties"))) {
            Properties properties = new Properties();
            try (InputStream in = url.openStream()) {
                properties.load(in);
            }
            if (name.equals(properties.getProperty("name"))) {
                ModelDescriptor descriptor = DescriptorParser.parse(properties, url.toString());
                Map<String, byte[]> resources = new HashMap<>();
                for (String value : descriptor.properties().values()) {
                    if (value.endsWith(".txt")) {
                        resources.put(value, read(url, value));
                    }
                }
                return new MemoryModel(descriptor, read(url, descriptor.properties().get("file")), resources,
                        url.toString());
            }
        }
        throw new IllegalStateException("no model bundle " + name + " on the test class path");
    }

    @SuppressWarnings("deprecation") // jar: URLs are opaque to URI.resolve; URL's relative constructor handles them
    private static byte[] read(URL base, String file) throws IOException {
        try (InputStream in = new URL(base, file).openStream()) {
            return in.readAllBytes();
        }
    }

    /**
     * A synthetic model (see {@link SyntheticModels}) with a descriptor for an NCHW RGB input of any size, pixels
     * scaled to 0..1, and the outputs given as name, meaning pairs.
     */
    public static MemoryModel synthetic(String name, String version, String task, byte[] onnx, String input,
            Map<String, String> properties, String... outputs) {
        java.util.List<org.framegrid.inference.api.ModelOutput> declared = new java.util.ArrayList<>();
        for (int i = 0; i < outputs.length; i += 2) {
            declared.add(new org.framegrid.inference.api.ModelOutput(outputs[i], outputs[i + 1], ""));
        }
        ModelDescriptor descriptor = new ModelDescriptor(name, version, task,
                new org.framegrid.inference.api.ImageInput(input, org.framegrid.inference.api.TensorLayout.NCHW,
                        org.framegrid.inference.api.SizeRule.multipleOf(1),
                        org.framegrid.inference.api.ColorOrder.RGB,
                        new org.framegrid.inference.api.Normalization(1 / 255f, new float[] {0}, new float[] {1})),
                declared, "CC0-1.0", properties);
        return new MemoryModel(descriptor, onnx, Map.of(), "synthetic " + name);
    }

    /**
     * The model input of {@code descriptor} at {@code size x size}, filled with a smooth colour gradient in its value
     * range: a picture-like input for comparing backends and timing them, without decoding an image.
     */
    public static Tensor gradient(ModelDescriptor descriptor, int size) {
        ImageInput input = descriptor.input();
        Tensor tensor = Tensor.allocate(ElementType.FLOAT32, input.shape(size, size));
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

    /**
     * A real test image (models.md: skimage's samples, which the build fetches into ~/.cache/framegrid/images); when
     * it is absent the test fails on CI and is skipped elsewhere ({@link Fixture#require}).
     */
    public static BufferedImage image(String file) throws IOException {
        Path path = imagePath(file);
        Fixture.require(Files.isRegularFile(path), "the real test image " + path + " is absent (models.md: the build "
                + "fetches skimage's samples from the Debian package python3-skimage with "
                + "bundles/tools/org.framegrid.models/src/build/fetch-test-images.sh)");
        return ImageIO.read(path.toFile());
    }

    /** @return where the real test image {@code file} is (system property framegrid.test.images, else the cache) */
    public static Path imagePath(String file) {
        return Path.of(System.getProperty("framegrid.test.images",
                System.getProperty("user.home") + "/.cache/framegrid/images"), file);
    }

    /** A frame of {@code image}'s size and content. */
    public static Frame frame(FramePool pool, PixelFormat format, BufferedImage image) {
        return frame(pool, format, image.getWidth(), image.getHeight(), image, 0, 0, image.getWidth(),
                image.getHeight());
    }

    /** A frame of {@code width x height} with {@code image} drawn at {@code (x, y)} scaled to {@code w x h}. */
    public static Frame frame(FramePool pool, PixelFormat format, int width, int height, BufferedImage image, int x,
            int y, int w, int h) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, x, y, w, h, null);
        g.dispose();
        Frame frame = pool.acquire(format, width, height);
        ByteBuffer data = frame.data();
        int bpp = format.elementBytes(0);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int rgb = canvas.getRGB(col, row);
                int at = frame.offset(0) + row * frame.stride(0) + col * bpp;
                boolean bgr = format == PixelFormat.BGR24;
                data.put(at, (byte) (bgr ? rgb : rgb >> 16));
                data.put(at + 1, (byte) (rgb >> 8));
                data.put(at + 2, (byte) (bgr ? rgb >> 16 : rgb));
                if (bpp == 4) {
                    data.put(at + 3, (byte) 255);
                }
            }
        }
        return frame;
    }

    /** @return pixel {@code (x, y)} of a packed RGB24/BGR24/RGBA frame as {@code 0xRRGGBB} */
    public static int rgb(Frame frame, int x, int y) {
        int bpp = frame.format().elementBytes(0);
        int at = frame.offset(0) + y * frame.stride(0) + x * bpp;
        int a = frame.data().get(at) & 0xff;
        int g = frame.data().get(at + 1) & 0xff;
        int b = frame.data().get(at + 2) & 0xff;
        return frame.format() == PixelFormat.BGR24 ? b << 16 | g << 8 | a : a << 16 | g << 8 | b;
    }

    /**
     * @return one tensor per output of {@code model}, of the output's type and shape: what a raw
     *     {@link LoadedModel#runInto} loop, timed beside a stage, writes into
     */
    public static Map<String, Tensor> outputs(LoadedModel model) {
        Map<String, Tensor> outputs = new HashMap<>();
        for (TensorInfo info : model.outputs()) {
            outputs.put(info.name(), Tensor.allocate(info.type(), info.shape()));
        }
        return outputs;
    }

    /** Configures and starts an instance of {@code provider} with its defaults overridden by {@code values}. */
    public static Stage start(StageProvider provider, FramePool pool, PixelFormat format, Map<String, Object> values)
            throws Exception {
        return start(provider, pool, format, format, values);
    }

    /** As {@link #start(StageProvider, FramePool, PixelFormat, Map)}, for a stage from {@code in} to {@code out}. */
    public static Stage start(StageProvider provider, FramePool pool, PixelFormat in, PixelFormat out,
            Map<String, Object> values) throws Exception {
        Stage stage = provider.create();
        stage.configure(new Context("s", "n", in, out, pool), properties(provider, values));
        stage.start();
        return stage;
    }

    public static StageProperties properties(StageProvider provider, Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>();
        for (PropertyDescriptor p : provider.descriptor().properties()) {
            all.put(p.name(), p.defaultValue());
        }
        all.putAll(values);
        return new StageProperties(all);
    }
}
