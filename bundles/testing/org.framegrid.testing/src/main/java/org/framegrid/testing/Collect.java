package org.framegrid.testing;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.FactoryStageProvider;
import org.framegrid.api.stage.FrameListener;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.StageDescriptor;

/**
 * A {@code collect} sink for tests: hands every frame to one {@link FrameListener}, as the node's collect stage hands
 * them to the FrameListener services DS binds. Tests that run a pipeline without a framework end it with this.
 */
public final class Collect extends FactoryStageProvider {

    private static final Set<PixelFormat> ANY = EnumSet.allOf(PixelFormat.class);
    private static final StageDescriptor DESCRIPTOR = new StageDescriptor("collect", "Sink/Video",
            "Hands every frame to the test's listener.", ANY, OutputRule.NONE, Set.of(), null, List.of());

    /** @param listener sees every frame on the sink's frame thread; the frame is returned to the pool after it */
    public Collect(FrameListener listener) {
        super(DESCRIPTOR, () -> new PlainStage() {
            @Override
            public Frame process(Frame input) {
                listener.frame(context.streamId(), context.nodeName(), input);
                return null;
            }
        });
    }
}
