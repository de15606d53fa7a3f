package org.framegrid.stage.generator.internal;

import java.util.List;
import java.util.Set;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.stage.FactoryStageProvider;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;

/**
 * Base of the frame-code stages' providers ({@code frame-code} draws, {@code read-frame-code} reads): a stage without
 * properties that takes any picture and gives it back, marked by {@link #process}. The subclass is the DS component;
 * its {@link StageType} annotation gives the type and classification.
 */
abstract class FrameCodeStageProvider implements StageProvider {
    private final StageDescriptor descriptor;

    /** @throws IllegalStateException when the class has no {@link StageType} annotation to take its type from */
    FrameCodeStageProvider(String description) {
        descriptor = FactoryStageProvider.describe(getClass(), description, FrameStage.PICTURES,
                OutputRule.SAME_AS_INPUT, Set.of(), null, List.of());
    }

    @Override
    public final StageDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Stage create() {
        return new FrameStage() {
            @Override
            public Frame process(Frame input) {
                return FrameCodeStageProvider.this.process(input, context);
            }
        };
    }

    /** @return {@code input} marked, or a frame the stage may write: {@link #writable} */
    abstract Frame process(Frame input, StageContext context);

    /** @return {@code input}, or a copy of it when it is shared (a shared frame is read-only) */
    static Frame writable(Frame input, StageContext context) {
        return input.refCount() > 1 ? context.pool().copyOf(input) : input;
    }
}
