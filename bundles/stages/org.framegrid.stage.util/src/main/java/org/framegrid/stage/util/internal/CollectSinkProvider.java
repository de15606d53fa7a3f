package org.framegrid.stage.util.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.framegrid.api.stage.FrameListener;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code collect}: a sink that hands every frame to the registered {@link FrameListener} services (whiteboard), so
 * that tests and tools see a stream's output without writing a stage.
 */
@Component(name = "org.framegrid.stage.util.collect", service = StageProvider.class)
@StageType(type = "collect", classification = "Sink/Video")
public final class CollectSinkProvider extends UtilityProvider {
    private final List<FrameListener> listeners = new CopyOnWriteArrayList<>();

    public CollectSinkProvider() {
        super("Hands every frame to the FrameListener services.", ANY, OutputRule.NONE, Set.of(), null, List.of());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(FrameListener listener) {
        listeners.add(listener);
    }

    void removeListener(FrameListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Stage create() {
        return SimpleStage.of((context, input) -> {
            for (FrameListener l : listeners) {
                l.frame(context.streamId(), context.nodeName(), input);
            }
            return null;
        });
    }
}
