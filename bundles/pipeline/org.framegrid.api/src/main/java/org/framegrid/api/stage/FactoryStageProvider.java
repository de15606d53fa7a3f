package org.framegrid.api.stage;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.framegrid.api.frame.PixelFormat;
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

    /**
     * The descriptor of a provider class that states its type and classification once, in its {@link StageType}
     * annotation (the service properties bnd writes from it and this descriptor cannot disagree); the other
     * parameters are {@link StageDescriptor}'s.
     *
     * @param provider the provider class, annotated with {@link StageType}
     * @throws IllegalStateException when {@code provider} has no {@link StageType} annotation
     * @since 1.8
     */
    public static StageDescriptor describe(Class<?> provider, String description, Set<PixelFormat> inputs,
            OutputRule outputRule, Set<PixelFormat> outputs, String outputFormatProperty,
            List<PropertyDescriptor> properties) {
        StageType stageType = provider.getAnnotation(StageType.class);
        if (stageType == null) {
            throw new IllegalStateException(provider.getName() + " has no @StageType to take its type from");
        }
        return new StageDescriptor(stageType.type(), stageType.classification(), description, inputs, outputRule,
                outputs, outputFormatProperty, properties);
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
