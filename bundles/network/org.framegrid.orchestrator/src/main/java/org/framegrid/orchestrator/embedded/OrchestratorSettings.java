package org.framegrid.orchestrator.embedded;

import java.math.BigInteger;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What an orchestrator node is configured with: from its DS configuration in a node, or given to an
 * {@link EmbeddedOrchestrator}.
 *
 * @param address its identity (0x address on chain)
 * @param host the address its server binds
 * @param port its port, 0 for any
 * @param tls whether it serves HTTPS (with the certificate given to the node); plain HTTP is an explicit opt-out
 * @param pipelines the live pipelines it offers (registered definitions with a decode and an encode node)
 * @param capacity how many sessions it runs at once
 * @param pricePerSecondWei its price per second of stream
 * @param initialSeconds how many seconds of stream the initial payment must cover
 * @param statusMillis how often the events channel gets a status message (10 000 in production)
 */
@ProviderType
public record OrchestratorSettings(String address, String host, int port, boolean tls, List<String> pipelines,
                                   int capacity, BigInteger pricePerSecondWei, int initialSeconds, long statusMillis) {
    /** Copies. */
    public OrchestratorSettings {
        pipelines = List.copyOf(pipelines);
    }
}
