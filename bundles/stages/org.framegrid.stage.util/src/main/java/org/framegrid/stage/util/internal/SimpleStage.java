package org.framegrid.stage.util.internal;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;

/** The common lifecycle of stages that hold no resources beyond their properties. */
abstract class SimpleStage implements Stage {
    protected StageContext context;
    protected volatile StageProperties properties;

    /** What a stateless stage does to a frame, with its context at hand. */
    @FunctionalInterface
    interface FrameWork {
        Frame apply(StageContext context, Frame input) throws Exception;
    }

    /** @return a stage that holds nothing but its context and does {@code work} to every frame */
    static Stage of(FrameWork work) {
        return new SimpleStage() {
            @Override
            public Frame process(Frame input) throws Exception {
                return work.apply(context, input);
            }
        };
    }

    @Override
    public void configure(StageContext context, StageProperties properties) throws Exception {
        this.context = context;
        this.properties = properties;
        apply(properties);
    }

    /** Reads the properties into fields; called by configure and by each live update. */
    protected void apply(StageProperties p) throws Exception {
    }

    @Override
    public void start() throws Exception {
    }

    @Override
    public void update(StageProperties properties) throws Exception {
        this.properties = properties;
        apply(properties);
    }

    @Override
    public void stop() {
    }
}
