package org.framegrid.stage.generator.internal;

import java.util.EnumSet;
import java.util.Set;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;

/** The lifecycle of this bundle's stages: they hold their context and properties and no other resource. */
abstract class FrameStage implements Stage {
    /** The pictures a frame code is drawn into and read from (every format but tensors). */
    static final Set<PixelFormat> PICTURES = EnumSet.complementOf(EnumSet.of(PixelFormat.TENSOR_F32));

    protected StageContext context;
    protected volatile StageProperties properties;

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.context = context;
        this.properties = properties;
    }

    @Override
    public void start() {
    }

    @Override
    public void update(StageProperties properties) {
        this.properties = properties;
    }

    @Override
    public void stop() {
    }
}
