package org.framegrid.stage.model;

import java.util.List;
import java.util.Set;

import org.framegrid.api.stage.FactoryStageProvider;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.Model;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Base of a stage provider that runs one kind of model: its descriptor, and its two references, kept in a
 * {@link StageModels} that its {@link ModelStage} instances load from.
 *
 * <p>The subclass is the DS component (bnd reads these inherited annotations) and chooses its models with the
 * reference's target in a component property, for example
 * {@code @Component(service = StageProvider.class, property = MODELS_TARGET + "(" + Model.TASK_PROPERTY +
 * "=face-detection)")}. It must name the service: bnd infers only the interfaces a component class implements
 * itself, not those of its base class. Both references are dynamic, so models and backends come and go without
 * restarting the provider; the bind methods are public because SCR calls them on the subclass from another package,
 * and tests call them to wire a provider without a framework.
 *
 * <p>A subclass states its stage type and classification once, in its {@link StageType} annotation: the service
 * properties bnd writes from it and the descriptor built from it ({@link #ModelStageProvider(String, String,
 * PropertyDescriptor...)}) cannot disagree. The property factories below give the properties model stages share one
 * wording and one range.
 */
@ConsumerType
public abstract class ModelStageProvider implements StageProvider {

    /** The component property that filters the {@code models} reference: append an LDAP filter. */
    public static final String MODELS_TARGET = "models.target=";

    private final StageDescriptor descriptor;
    private final StageModels models;

    /**
     * @param descriptor the stage type's description
     * @param task       what the models do, for messages
     */
    protected ModelStageProvider(StageDescriptor descriptor, String task) {
        this.descriptor = descriptor;
        this.models = new StageModels(descriptor.type(), task);
    }

    /**
     * A provider described by its class's {@link StageType} annotation ({@link #describe describe} with its type and
     * classification).
     *
     * @param task        what the models do, for messages
     * @param description what the stage does, for users and tools
     * @param properties  the stage's properties
     * @throws IllegalStateException when the class has no {@link StageType} annotation
     * @since 2.1
     */
    protected ModelStageProvider(String task, String description, PropertyDescriptor... properties) {
        this.descriptor = FactoryStageProvider.describe(getClass(), description, ImageInputWriter.FORMATS,
                OutputRule.SAME_AS_INPUT, Set.of(), null, List.of(properties));
        this.models = new StageModels(descriptor.type(), task);
    }

    @Override
    public final StageDescriptor descriptor() {
        return descriptor;
    }

    /**
     * @return the description of a model stage type: it reads the frames the image writer reads
     *     ({@link ImageInputWriter#FORMATS}), emits them in the same format, and has {@code properties}
     * @since 2.0
     */
    public static StageDescriptor describe(String type, String classification, String description,
            PropertyDescriptor... properties) {
        return new StageDescriptor(type, classification, description, ImageInputWriter.FORMATS,
                OutputRule.SAME_AS_INPUT, Set.of(), null, List.of(properties));
    }

    /**
     * @param name        the property's name ({@code model}, or {@code detector} for a stage of two models)
     * @param defaultName the model a pipeline gets without naming one, or {@code null} to make it name one
     * @return a property naming the model to load (the newest installed version of that name); not live
     * @since 2.0
     */
    public static PropertyDescriptor modelProperty(String name, String defaultName, String description) {
        return new PropertyDescriptor(name, PropertyType.STRING, defaultName, defaultName == null, false, List.of(),
                null, null, description, "1.0");
    }

    /**
     * @param note what else to know, or an empty string
     * @return the {@value ModelStage#THREADS} property every model stage has: inference threads, 0..64, not live
     * @since 2.0
     */
    public static PropertyDescriptor threadsProperty(long defaultThreads, String note) {
        return new PropertyDescriptor(ModelStage.THREADS, PropertyType.INTEGER, defaultThreads, false, 0, 64,
                "Inference threads; 0 lets the backend choose." + (note.isEmpty() ? "" : " " + note));
    }

    /**
     * @param defaultName the model a pipeline gets without naming one, or {@code null} to make it name one
     * @return the {@code model} property: {@link #modelProperty(String, String, String) modelProperty("model", ...)}
     * @since 2.1
     */
    public static PropertyDescriptor modelProperty(String defaultName, String description) {
        return modelProperty("model", defaultName, description);
    }

    /**
     * @return a score, probability or overlap a stage compares with: a DOUBLE from 0 to 1 that may change while the
     *     stream plays
     * @since 2.1
     */
    public static PropertyDescriptor threshold(String name, double defaultValue, String description) {
        return new PropertyDescriptor(name, PropertyType.DOUBLE, defaultValue, true, 0, 1, description);
    }

    /**
     * @return the most results a stage reports per frame: an INTEGER from 1 to {@code max} that may change while the
     *     stream plays
     * @since 2.1
     */
    public static PropertyDescriptor perFrameLimit(String name, long defaultValue, long max, String description) {
        return new PropertyDescriptor(name, PropertyType.INTEGER, defaultValue, true, 1, max, description);
    }

    /**
     * @return the {@code size} property of a stage whose model may take several input sizes: the longer side of the
     *     model input, an INTEGER from {@code min} to {@code max}; not live (a new size reloads the model)
     * @since 2.1
     */
    public static PropertyDescriptor inputSize(long defaultValue, long min, long max, String description) {
        return new PropertyDescriptor("size", PropertyType.INTEGER, defaultValue, false, min, max, description);
    }

    /** @return the models and the backend this provider has bound */
    public StageModels models() {
        return models;
    }

    @Reference(name = "models", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addModel(Model model) {
        models.addModel(model);
    }

    public void removeModel(Model model) {
        models.removeModel(model);
    }

    @Reference(name = "backend", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setBackend(InferenceBackend newBackend) {
        models.bindBackend(newBackend);
    }

    public void unsetBackend(InferenceBackend oldBackend) {
        models.unbindBackend(oldBackend);
    }
}
