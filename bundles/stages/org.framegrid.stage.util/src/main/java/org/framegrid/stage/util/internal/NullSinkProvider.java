package org.framegrid.stage.util.internal;

import java.util.List;
import java.util.Set;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/** {@code null}: a sink that discards every frame (GStreamer's fakesink), to end a branch. */
@Component(name = "org.framegrid.stage.util.null", service = StageProvider.class)
@StageType(type = "null", classification = "Sink/Video")
public final class NullSinkProvider extends UtilityProvider {
    public NullSinkProvider() {
        super("Discards every frame.", ANY, OutputRule.NONE, Set.of(), null, List.of());
    }

    @Override
    public Stage create() {
        return SimpleStage.of((context, input) -> null);
    }
}
