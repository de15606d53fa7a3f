package org.framegrid.api.stage;

import java.util.Objects;
import java.util.function.Supplier;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Base of a provider that is a fixed descriptor and a factory of instances, the shape of most providers. A subclass
 * that is a DS component names {@code StageProvider} as its service: DS infers only the interfaces a component class
 * implements itself.
 *
 * @since 1.7
 */
@ConsumerType
public abstract class FactoryStageProvider implements StageProvider {

    private final StageDescriptor descriptor;
    private final Supplier<? extends Stage> instances;

    /**
     * @param descriptor what {@link #descriptor()} returns
     * @param instances makes each new instance {@link #create()} returns
     */
    protected FactoryStageProvider(StageDescriptor descriptor, Supplier<? extends Stage> instances) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    @Override
    public final StageDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Stage create() {
        return instances.get();
    }
}
