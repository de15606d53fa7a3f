package org.framegrid.stage.model;

import org.framegrid.api.stage.StageProvider;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.Model;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Base of a stage provider that runs one kind of model: its two references, kept in a {@link StageModels}.
 *
 * <p>The subclass is the DS component (bnd reads these inherited annotations) and chooses its models with the
 * reference's target in a component property, for example
 * {@code @Component(service = StageProvider.class, property = MODELS_TARGET + "(" + Model.TASK_PROPERTY +
 * "=face-detection)")}. It must name the service: bnd infers only the interfaces a component class implements
 * itself, not those of its base class. Both references are dynamic, so models and backends come and go without
 * restarting the provider; the bind methods are public because SCR calls them on the subclass from another package,
 * and tests call them to wire a provider without a framework.
 */
public abstract class ModelStageProvider implements StageProvider {

    /** The component property that filters the {@code models} reference: append an LDAP filter. */
    public static final String MODELS_TARGET = "models.target=";

    private final StageModels models;

    /**
     * @param stageType the stage type, for messages
     * @param task      what the models do, for messages
     */
    protected ModelStageProvider(String stageType, String task) {
        this.models = new StageModels(stageType, task);
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
