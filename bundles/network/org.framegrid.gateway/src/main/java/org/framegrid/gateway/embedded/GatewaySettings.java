package org.framegrid.gateway.embedded;

import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a gateway node is configured with: from its DS configuration in a node, or given to an
 * {@link EmbeddedGateway}.
 *
 * @param address its 0x address (the payment sender)
 * @param host the address its server binds
 * @param port its port, 0 for any
 * @param orchestrators the static list of orchestrator URIs (discovery from the chain adds to it)
 * @param stakes known stake per orchestrator address, in wei (from the chain; missing means zero)
 * @param maxPricePerSecondWei the most it pays per second
 * @param paymentIntervalMillis how often it pays for the stream time that passed
 * @param stallMillis no output for this long while input flows means the orchestrator stalled
 */
@ProviderType
public record GatewaySettings(String address, String host, int port, List<URI> orchestrators,
                              Map<String, BigInteger> stakes, BigInteger maxPricePerSecondWei,
                              long paymentIntervalMillis, long stallMillis) {
    /** Copies. */
    public GatewaySettings {
        orchestrators = List.copyOf(orchestrators);
        stakes = Map.copyOf(stakes);
    }
}
