package org.framegrid.stage.util.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/** {@code passthrough}: emits its input unchanged. A placeholder node, and the identity stage of tests. */
@Component(name = "org.framegrid.stage.util.passthrough")
@StageType(type = "passthrough", classification = "Filter/Video")
public final class PassthroughStage implements StageProvider {
    static final Set<PixelFormat> ANY = EnumSet.allOf(PixelFormat.class);
    private static final StageDescriptor DESCRIPTOR = new StageDescriptor("passthrough", "Filter/Video",
            "Emits every frame unchanged.", ANY, OutputRule.SAME_AS_INPUT, Set.of(), null, List.of());

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Stage create() {
        return new SimpleStage() {
            @Override
            public Frame process(Frame input) {
                return input;
            }
        };
    }
}
