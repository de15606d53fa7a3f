package org.framegrid.stage.generator.internal;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code frame-code}: draws the frame code (the frame's number in its stream, the time now, no event) into each frame,
 * so that any source can be measured glass to glass. Place it right after the source, with {@code queue: direct},
 * so that "now" is the capture time. A frame that carries a code already (read by {@code read-frame-code} earlier in
 * the pipeline) gets that code drawn again: placed after stages that repaint the picture (a blurred background), it
 * keeps the capture's code readable downstream.
 */
@Component(name = "org.framegrid.stage.generator.frame-code", service = StageProvider.class)
@StageType(type = "frame-code", classification = "Filter/Video/Marker")
public final class FrameCodeProvider extends FrameCodeStageProvider {

    public FrameCodeProvider() {
        super("Draws a frame code (frame number, capture time) into the top-left corner of each frame, for "
                + "read-frame-code to measure latency per frame after encoding and the network; a frame "
                + "that carries a code (read by read-frame-code) gets it redrawn.");
    }

    @Override
    Frame process(Frame input, StageContext context) {
        Frame out = writable(input, context);
        FrameCode carried = input.meta(FrameMeta.FRAME_CODE);
        FrameCode code = carried != null ? carried : new FrameCode(input.sequence() & 0xFF_FFFF,
                FrameCodes.nowMicros(), 0);
        FrameCodes.draw(out, code);
        return out.meta(FrameMeta.FRAME_CODE, code);
    }
}
