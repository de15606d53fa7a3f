package org.framegrid.stage.lines.internal;

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

/** The real M-LSD model bundle as a {@link Model}, read the way the extender reads it; frames; a lone stage. */
final class Fixtures {

    private Fixtures() {
    }

    /** The model bundle of model {@code name} on the test class path, read the way the extender reads it. */
    static MemoryModel model(String name) throws Exception {
        return org.framegrid.testing.Fixtures.bundled(name);
    }

    /** A frame of {@code image}'s size and content. */
    static Frame frame(FramePool pool, PixelFormat format, BufferedImage image) {
        return org.framegrid.testing.Fixtures.frame(pool, format, image);
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
