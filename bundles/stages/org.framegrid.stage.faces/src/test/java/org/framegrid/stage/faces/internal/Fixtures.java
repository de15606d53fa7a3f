package org.framegrid.stage.faces.internal;

import java.awt.image.BufferedImage;
import java.util.Map;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.inference.api.Model;
import org.framegrid.testing.Fixtures.MemoryModel;

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
        return org.framegrid.testing.Fixtures.bundled(name);
    }

    /** The astronaut; when the image is not on this machine the test fails on CI and is skipped elsewhere. */
    static BufferedImage astronaut() throws Exception {
        return org.framegrid.testing.Fixtures.image("astronaut.png");
    }

    /** A frame of {@code width x height} with {@code image} drawn at {@code (x, y)} scaled to {@code w x h}. */
    static Frame frame(FramePool pool, PixelFormat format, int width, int height, BufferedImage image, int x, int y,
            int w, int h) {
        return org.framegrid.testing.Fixtures.frame(pool, format, width, height, image, x, y, w, h);
    }

    /** Configures and starts an instance of {@code provider} with its defaults overridden by {@code values}. */
    static Stage start(StageProvider provider, FramePool pool, PixelFormat format, Map<String, Object> values)
            throws Exception {
        return org.framegrid.testing.Fixtures.start(provider, pool, format, values);
    }

    static StageProperties properties(StageProvider provider, Map<String, Object> values) {
        return org.framegrid.testing.Fixtures.properties(provider, values);
    }
}
