package org.framegrid.stage.generator.internal;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code read-frame-code}: reads the frame code a source drew (see {@code frame-code} and {@code scene}) and attaches
 * it as {@link FrameMeta#FRAME_CODE}, with the capture time restored against this node's clock. A frame without a
 * readable code passes without it.
 */
@Component(name = "org.framegrid.stage.generator.read-frame-code", service = StageProvider.class)
@StageType(type = "read-frame-code", classification = "Filter/Video/Analyzer")
public final class ReadFrameCodeProvider extends FrameCodeStageProvider {

    public ReadFrameCodeProvider() {
        super("Reads the frame code drawn by frame-code or scene and attaches it to the frame (frame number, capture "
                + "time, last app event): the per-frame latency measurement's receiving end.");
    }

    @Override
    Frame process(Frame input, StageContext context) {
        FrameCode code = FrameCodes.read(input, FrameCodes.nowMicros());
        if (code == null) {
            return input;
        }
        return writable(input, context).meta(FrameMeta.FRAME_CODE, code);
    }
}
