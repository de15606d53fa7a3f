package org.framegrid.stage.util.internal;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.stage.PlainStage;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;

/** The stages of this bundle that hold no resources beyond their properties. */
abstract class SimpleStage extends PlainStage {

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
}
