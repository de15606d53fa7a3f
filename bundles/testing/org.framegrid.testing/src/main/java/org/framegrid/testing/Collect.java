package org.framegrid.testing;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.FrameListener;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;

/**
 * A {@code collect} sink for tests: hands every frame to one {@link FrameListener}, as the node's collect stage hands
 * them to the FrameListener services DS binds. Tests that run a pipeline without a framework end it with this.
 */
public final class Collect implements StageProvider {

    private static final Set<PixelFormat> ANY = EnumSet.allOf(PixelFormat.class);
    private static final StageDescriptor DESCRIPTOR = new StageDescriptor("collect", "Sink/Video",
            "Hands every frame to the test's listener.", ANY, OutputRule.NONE, Set.of(), null, List.of());

    private final FrameListener listener;

    /** @param listener sees every frame on the sink's frame thread; the frame is returned to the pool after it */
    public Collect(FrameListener listener) {
        this.listener = listener;
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Stage create() {
        return new PlainStage() {
            @Override
            public Frame process(Frame input) {
                listener.frame(context.streamId(), context.nodeName(), input);
                return null;
            }
        };
    }
}
