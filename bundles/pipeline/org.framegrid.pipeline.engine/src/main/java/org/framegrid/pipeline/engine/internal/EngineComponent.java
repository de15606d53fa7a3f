package org.framegrid.pipeline.engine.internal;

import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.api.pipeline.StreamStatusListener;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
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
 * Publishes the engine as {@link PipelineService} and {@link StageCatalog}: the {@link EmbeddedEngine} with the
 * bindings DS makes. Stage providers are a dynamic, greedy, multiple reference: that is the hot swap. DS binds a
 * replacement before unbinding the old provider, and the engine keys providers by service id, so neither order loses
 * the slot (style guide, pitfall 2.2).
 */
@Component(name = "org.framegrid.pipeline.engine", service = {PipelineService.class, StageCatalog.class})
@Designate(ocd = EngineComponent.Config.class)
public final class EngineComponent extends EmbeddedEngine {

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

    /** @param config the settings */
    @Activate
    public EngineComponent(Config config) {
        super(Math.max(1, config.status_period_seconds()) * 1000L, config.virtual_frame_threads());
    }

    @Deactivate
    void deactivate() {
        close();
    }

    @Reference(service = StageProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindProvider", updated = "updatedProvider")
    void bindProvider(ServiceReference<StageProvider> ref, StageProvider provider) {
        addProvider(provider, ranking(ref), serviceId(ref), label(ref));
    }

    void updatedProvider(ServiceReference<StageProvider> ref) {
        rankingChanged(serviceId(ref), ranking(ref));
    }

    void unbindProvider(ServiceReference<StageProvider> ref) {
        removeProvider(serviceId(ref));
    }

    @Reference(service = StreamStatusListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindListener")
    void bindListener(StreamStatusListener listener) {
        addListener(listener);
    }

    void unbindListener(StreamStatusListener listener) {
        removeListener(listener);
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
}
