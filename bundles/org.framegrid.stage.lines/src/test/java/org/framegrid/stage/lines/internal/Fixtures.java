package org.framegrid.stage.lines.internal;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

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

/** The real M-LSD model bundle as a {@link Model}, read the way the extender reads it; frames; a lone stage. */
final class Fixtures {

    record Context(String streamId, String nodeName, PixelFormat inputFormat, PixelFormat outputFormat,
            FramePool pool) implements StageContext {
        /** No @Override: StageContext gains this in stage API 1.1, and the fixture compiles against 1.0 and 1.1. */
        public void endOfStream() {
            throw new UnsupportedOperationException("lines is a filter; only sources end a stream");
        }
    }

    private Fixtures() {
    }

    /** The model bundle of model {@code name} on the test class path, read the way the extender reads it. */
    static MemoryModel model(String name) throws Exception {
        return org.framegrid.stage.vision.testing.Fixtures.bundled(name, DescriptorParser::parse);
    }

    /** {@code image} copied into a pooled frame of the same size. */
    static Frame frame(FramePool pool, PixelFormat format, BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        Frame frame = pool.acquire(format, width, height);
        ByteBuffer data = frame.data();
        int bpp = format.elementBytes(0);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int rgb = image.getRGB(col, row);
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
