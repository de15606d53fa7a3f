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
 * @param idleMillis a stream with no input for this long is ended (its payments stop); since 1.1
 */
@ProviderType
public record GatewaySettings(String address, String host, int port, List<URI> orchestrators,
                              Map<String, BigInteger> stakes, BigInteger maxPricePerSecondWei,
                              long paymentIntervalMillis, long stallMillis, long idleMillis) {
    /** How long a stream may go without input by default: ended after 30 s, having paid for none of it. */
    public static final long DEFAULT_IDLE_MILLIS = 30_000;

    /** Copies. */
    public GatewaySettings {
        orchestrators = List.copyOf(orchestrators);
        stakes = Map.copyOf(stakes);
        if (idleMillis <= 0) {
            throw new IllegalArgumentException("gateway settings: idle limit must be positive, not " + idleMillis);
        }
    }

    /** With the {@link #DEFAULT_IDLE_MILLIS default idle limit}, as before 1.1. */
    public GatewaySettings(String address, String host, int port, List<URI> orchestrators,
                           Map<String, BigInteger> stakes, BigInteger maxPricePerSecondWei,
                           long paymentIntervalMillis, long stallMillis) {
        this(address, host, port, orchestrators, stakes, maxPricePerSecondWei, paymentIntervalMillis, stallMillis,
                DEFAULT_IDLE_MILLIS);
    }
}
