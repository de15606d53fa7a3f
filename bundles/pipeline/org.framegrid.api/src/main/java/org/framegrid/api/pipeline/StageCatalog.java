package org.framegrid.api.pipeline;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.framegrid.api.stage.StageDescriptor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The stage types available now, from the best provider of each registered {@code StageProvider} service, and the
 * engine's own validation of a definition against them.
 *
 * <p>Thread-safe. Answers change as stage bundles come and go.
 */
@ProviderType
public interface StageCatalog {

    /**
     * @param type a stage type name
     * @return the descriptor of the type's best provider, or empty when none is registered now
     */
    Optional<StageDescriptor> find(String type);

    /** @return the descriptors of every type available now; never {@code null} */
    Collection<StageDescriptor> all();

    /**
     * Validates a definition the way {@link PipelineService#register} does: node names unique and well-formed, edges
     * between known nodes, no cycle, sources without inputs and sinks without outputs, known types (types that had a
     * provider earlier in this run count as known), known properties with values of the right type, enum names and
     * bounds, required properties set, and format negotiation (see {@code StageDescriptor}). Each problem carries the
     * position of the node, property or edge it concerns.
     *
     * @param definition the definition to check
     * @return the problems; empty when the definition can run
     */
    List<PipelineProblem> check(PipelineDefinition definition);
}
