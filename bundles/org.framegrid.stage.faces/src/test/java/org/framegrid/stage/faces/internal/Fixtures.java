package org.framegrid.stage.faces.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.inference.api.Model;
import org.framegrid.inference.models.internal.DescriptorParser;
import org.framegrid.stage.vision.testing.Fixtures.MemoryModel;

/**
 * The real BlazeFace model bundle (a test dependency built by org.framegrid.models) as a {@link Model}, read the way
 * the extender reads it; the real astronaut image; frames; a stage run outside any pipeline.
 */
final class Fixtures {

    /** Where the astronaut's face is in the 512x512 image (skimage's astronaut.png). */
    static final int FACE_X = 225;
    static final int FACE_Y = 130;

    record Context(String streamId, String nodeName, PixelFormat inputFormat, PixelFormat outputFormat,
            FramePool pool) implements StageContext {
        /** No @Override: StageContext gains this in stage API 1.1, and the fixture compiles against 1.0 and 1.1. */
        public void endOfStream() {
            throw new UnsupportedOperationException("the face stages are filters; only sources end a stream");
        }
    }

    private Fixtures() {
    }

    /** The model bundle of model {@code name} on the test class path, read the way the extender reads it. */
    static MemoryModel model(String name) throws Exception {
        return org.framegrid.stage.vision.testing.Fixtures.bundled(name, DescriptorParser::parse);
    }

    /** The astronaut, or the test is skipped (with the reason) when the image is not on this machine. */
    static BufferedImage astronaut() throws Exception {
        Path path = Path.of(System.getProperty("framegrid.test.astronaut",
                System.getProperty("user.home") + "/.cache/framegrid/images/astronaut.png"));
        assumeTrue(Files.isRegularFile(path), "skipped: the real test image " + path + " is absent (models.md: "
                + "astronaut.png from the Debian package python3-skimage)");
        return ImageIO.read(path.toFile());
    }

    /** A frame of {@code width x height} with {@code image} drawn at {@code (x, y)} scaled to {@code w x h}. */
    static Frame frame(FramePool pool, PixelFormat format, int width, int height, BufferedImage image, int x, int y,
            int w, int h) {
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
                int r = rgb >> 16 & 0xff;
                int b = rgb & 0xff;
                data.put(at, (byte) (format == PixelFormat.BGR24 ? b : r));
                data.put(at + 1, (byte) (rgb >> 8));
                data.put(at + 2, (byte) (format == PixelFormat.BGR24 ? r : b));
                if (bpp == 4) {
                    data.put(at + 3, (byte) 255);
                }
            }
        }
        return frame;
    }

    /** Configures and starts an instance of {@code provider} with its defaults overridden by {@code values}. */
    static Stage start(StageProvider provider, FramePool pool, PixelFormat format, Map<String, Object> values)
            throws Exception {
        Stage stage = provider.create();
        stage.configure(new Context("s", "n", format, format, pool), properties(provider, values));
        stage.start();
        return stage;
    }

    static StageProperties properties(StageProvider provider, Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>();
        for (PropertyDescriptor p : provider.descriptor().properties()) {
            all.put(p.name(), p.defaultValue());
        }
        all.putAll(values);
        return new StageProperties(all);
    }
}
