package org.framegrid.stage.util.internal;

import java.util.Map;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.PropertyDescriptor;

/** Runs one stage outside any pipeline, with the descriptor's defaults under the given values. */
final class StageHarness {
    record Context(String streamId, String nodeName, PixelFormat inputFormat, PixelFormat outputFormat,
                   FramePool pool) implements StageContext {
        @Override
        public void endOfStream() {
            throw new UnsupportedOperationException("the harness drives single stages, not streams");
        }
    }

    private StageHarness() {
    }

    static Stage start(StageProvider provider, FramePool pool, PixelFormat in, PixelFormat out,
                       Map<String, Object> values) throws Exception {
        StageDescriptor d = provider.descriptor();
        Map<String, Object> all = new java.util.HashMap<>();
        for (PropertyDescriptor p : d.properties()) {
            all.put(p.name(), p.defaultValue());
        }
        all.putAll(values);
        Stage s = provider.create();
        s.configure(new Context("s", "n", in, out, pool), new StageProperties(all));
        s.start();
        return s;
    }
}
