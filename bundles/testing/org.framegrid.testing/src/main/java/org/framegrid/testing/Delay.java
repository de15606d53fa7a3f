package org.framegrid.testing;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.FactoryStageProvider;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.StageDescriptor;

/**
 * A stage for tests that takes a fixed time per frame and gives the frame back unchanged: a stand-in for a model
 * near (or over) the frame interval, where backlogs, drops and warm-ups show.
 *
 * @since 1.3
 */
public final class Delay extends FactoryStageProvider {

    /**
     * @param type the stage type it registers as
     * @param millis how long each frame takes
     */
    public Delay(String type, long millis) {
        super(new StageDescriptor(type, "Filter/Test", "Takes " + millis + " ms per frame.",
                EnumSet.allOf(PixelFormat.class), OutputRule.SAME_AS_INPUT, Set.of(), null, List.of()),
                () -> new PlainStage() {
                    @Override
                    public Frame process(Frame in) throws InterruptedException {
                        Thread.sleep(millis);
                        return in;
                    }
                });
    }
}
