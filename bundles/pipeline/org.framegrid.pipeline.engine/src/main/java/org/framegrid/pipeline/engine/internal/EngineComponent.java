package org.framegrid.pipeline.engine.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.framegrid.api.pipeline.FramePoolStatus;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamStatus;
import org.framegrid.api.pipeline.StreamStatusListener;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Publishes the {@link Engine} as {@link PipelineService} and {@link StageCatalog}. Stage providers are a dynamic,
 * greedy, multiple reference: that is the hot swap. DS binds a replacement before unbinding the old provider, and the
 * engine keys providers by service id, so neither order loses the slot (style guide, pitfall 2.2).
 */
@Component(name = "org.framegrid.pipeline.engine", service = {PipelineService.class, StageCatalog.class})
@Designate(ocd = EngineComponent.Config.class)
public final class EngineComponent implements PipelineService, StageCatalog {

    /** Engine settings; none can change while streams run, so a change restarts the component. */
    @ObjectClassDefinition(name = "Framegrid pipeline engine")
    public @interface Config {
        /** @return seconds between two periodic status events of a stream */
        @AttributeDefinition(description = "Seconds between two periodic status events of a stream")
        int status_period_seconds() default 10;

        /** @return whether frame threads are virtual (stages that call native code pin their carrier) */
        @AttributeDefinition(description = "Run frame threads as virtual threads (not for stages calling native code)")
        boolean virtual_frame_threads() default false;
    }

    private final Engine engine;

    /** @param config the settings */
    @Activate
    public EngineComponent(Config config) {
        this.engine = new Engine(Math.max(1, config.status_period_seconds()) * 1000L, config.virtual_frame_threads());
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Reference(service = StageProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(ServiceReference<StageProvider> ref, StageProvider provider) {
        engine.addProvider(provider, ranking(ref), serviceId(ref), label(ref));
    }

    void updatedProvider(ServiceReference<StageProvider> ref) {
        engine.rankingChanged(serviceId(ref), ranking(ref));
    }

    void removeProvider(ServiceReference<StageProvider> ref) {
        engine.removeProvider(serviceId(ref));
    }

    @Reference(service = StreamStatusListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addListener(StreamStatusListener listener) {
        engine.addListener(listener);
    }

    void removeListener(StreamStatusListener listener) {
        engine.removeListener(listener);
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private static int ranking(ServiceReference<?> ref) {
        return ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
    }

    private static String label(ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        return b == null ? "service " + serviceId(ref) : b.getSymbolicName() + ":" + b.getVersion();
    }

    @Override public Optional<StageDescriptor> find(String type) { return engine.find(type); }
    @Override public Collection<StageDescriptor> all() { return engine.all(); }
    @Override public List<PipelineProblem> check(PipelineDefinition definition) { return engine.check(definition); }
    @Override public void register(PipelineDefinition d) throws PipelineDefinitionException { engine.register(d); }
    @Override public boolean remove(String name) { return engine.remove(name); }
    @Override public Optional<PipelineDefinition> definition(String name) { return engine.definition(name); }
    @Override public Collection<PipelineDefinition> definitions() { return engine.definitions(); }
    @Override public Optional<StreamHandle> stream(String streamId) { return engine.stream(streamId); }
    @Override public Collection<StreamHandle> streams() { return engine.streams(); }
    @Override public boolean stop(String streamId) { return engine.stop(streamId); }
    @Override public Optional<StreamStatus> status(String streamId) { return engine.status(streamId); }
    @Override public FramePoolStatus framePool() { return engine.framePool(); }

    @Override
    public StreamHandle start(String pipeline, String streamId, Map<String, Object> params)
            throws PipelineDefinitionException {
        return engine.start(pipeline, streamId, params);
    }

    @Override
    public StreamHandle start(PipelineDefinition definition, String streamId, Map<String, Object> params)
            throws PipelineDefinitionException {
        return engine.start(definition, streamId, params);
    }

    @Override
    public void update(String streamId, Map<String, Object> params) throws PipelineDefinitionException {
        engine.update(streamId, params);
    }
}
