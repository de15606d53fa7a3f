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
 * {@code read-frame-code}: reads the frame code a source drew (see {@code frame-code} and {@code scene}) and attaches
 * it as {@link FrameMeta#FRAME_CODE}, with the capture time restored against this node's clock. A frame without a
 * readable code passes without it.
 */
@Component(name = "org.framegrid.stage.generator.read-frame-code", service = StageProvider.class)
@StageType(type = "read-frame-code", classification = "Filter/Video/Analyzer")
public final class ReadFrameCodeProvider implements StageProvider {
    private static final StageDescriptor DESCRIPTOR = new StageDescriptor("read-frame-code", "Filter/Video/Analyzer",
            "Reads the frame code drawn by frame-code or scene and attaches it to the frame (frame number, capture "
                    + "time, last app event): the per-frame latency measurement's receiving end.",
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
                FrameCode code = FrameCodes.read(input, FrameCodes.nowMicros());
                if (code == null) {
                    return input;
                }
                Frame out = input.refCount() > 1 ? context.pool().copyOf(input) : input; // shared: read-only
                return out.meta(FrameMeta.FRAME_CODE, code);
            }
        };
    }
}
