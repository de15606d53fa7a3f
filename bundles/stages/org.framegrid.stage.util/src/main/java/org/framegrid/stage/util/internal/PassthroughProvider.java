package org.framegrid.stage.util.internal;

import java.util.List;
import java.util.Set;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/** {@code passthrough}: emits its input unchanged. A placeholder node, and the identity stage of tests. */
@Component(name = "org.framegrid.stage.util.passthrough", service = StageProvider.class)
@StageType(type = "passthrough", classification = "Filter/Video")
public final class PassthroughProvider extends UtilityProvider {
    public PassthroughProvider() {
        super("Emits every frame unchanged.", ANY, OutputRule.SAME_AS_INPUT, Set.of(), null, List.of());
    }

    @Override
    public Stage create() {
        return SimpleStage.of((context, input) -> input);
    }
}
