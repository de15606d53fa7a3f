package org.framegrid.stage.generator.internal;

import java.util.List;
import java.util.Set;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code frame-code}: draws the frame code (the frame's number in its stream, the time now, no event) into each frame,
 * so that any source can be measured glass to glass. Place it right after the source, with {@code queue: direct},
 * so that "now" is the capture time.
 */
@Component(name = "org.framegrid.stage.generator.frame-code", service = StageProvider.class)
@StageType(type = "frame-code", classification = "Filter/Video/Marker")
public final class FrameCodeProvider implements StageProvider {
    private static final StageDescriptor DESCRIPTOR = new StageDescriptor("frame-code", "Filter/Video/Marker",
            "Draws a frame code (frame number, capture time) into the top-left corner of each frame, for "
                    + "read-frame-code to measure latency per frame after encoding and the network.",
            FrameStage.PICTURES, OutputRule.SAME_AS_INPUT, Set.of(), null, List.of());

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Stage create() {
        return new FrameStage() {
            @Override
            public Frame process(Frame input) {
                Frame out = input.refCount() > 1 ? context.pool().copyOf(input) : input; // shared: read-only
                FrameCode code = new FrameCode(input.sequence() & 0xFF_FFFF, FrameCodes.nowMicros(), 0);
                FrameCodes.draw(out, code);
                return out.meta(FrameMeta.FRAME_CODE, code);
            }
        };
    }
}
