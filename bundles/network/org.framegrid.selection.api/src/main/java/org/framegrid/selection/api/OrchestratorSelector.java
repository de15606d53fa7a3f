package org.framegrid.selection.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A selection strategy. Implementations keep what they learn from {@link #observe} (latency, success rate,
 * suspensions) and must be thread-safe and fast: gateways call {@link #select} on every stream start and failover.
 */
@ConsumerType
public interface OrchestratorSelector {

    /**
     * @param request what the stream needs
     * @param candidates every known orchestrator
     * @param limit the most to return
     * @return usable candidates, best first (the gateway tries them in order); empty if none qualifies
     */
    List<Candidate> select(SelectionRequest request, List<Candidate> candidates, int limit);

    /** @param observation what the gateway saw */
    void observe(Observation observation);

    /** @return whether {@code address} is suspended now (failing orchestrators are, for a while) */
    boolean suspended(String address);
}
