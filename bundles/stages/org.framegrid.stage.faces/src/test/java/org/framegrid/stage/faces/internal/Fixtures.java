package org.framegrid.stage.faces.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
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
        return org.framegrid.stage.vision.testing.Fixtures.frame(pool, format, width, height, image, x, y, w, h);
    }

    /** Configures and starts an instance of {@code provider} with its defaults overridden by {@code values}. */
    static Stage start(StageProvider provider, FramePool pool, PixelFormat format, Map<String, Object> values)
            throws Exception {
        return org.framegrid.stage.vision.testing.Fixtures.start(provider, pool, format, values);
    }

    static StageProperties properties(StageProvider provider, Map<String, Object> values) {
        return org.framegrid.stage.vision.testing.Fixtures.properties(provider, values);
    }
}
