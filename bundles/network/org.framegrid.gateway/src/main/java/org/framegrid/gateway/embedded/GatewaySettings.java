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
 * @param stallMillis no output for this long while input flows means the orchestrator stalled, while the input's
 *     frame rate is not known (input without MPEG-TS timestamps); a session's first output gets three times this
 * @param idleMillis a stream with no input for this long is ended (its payments stop); since 1.1
 * @param stallFrames no output for this many input frame intervals (never under 300 ms) while input flows means the
 *     orchestrator stalled, once the input's frame rate is known; since 1.2
 */
@ProviderType
public record GatewaySettings(String address, String host, int port, List<URI> orchestrators,
                              Map<String, BigInteger> stakes, BigInteger maxPricePerSecondWei,
                              long paymentIntervalMillis, long stallMillis, long idleMillis, int stallFrames) {
    /** How long a stream may go without input by default: ended after 30 s, having paid for none of it. */
    public static final long DEFAULT_IDLE_MILLIS = 30_000;
    /**
     * How many input frame intervals without output make a stall by default: 1.6 s at 25 fps (about the fixed 1.5 s
     * before), 1.33 s at 30 fps, 0.67 s at 60 fps.
     *
     * @since 1.2
     */
    public static final int DEFAULT_STALL_FRAMES = 40;

    /** Copies. */
    public GatewaySettings {
        orchestrators = List.copyOf(orchestrators);
        stakes = Map.copyOf(stakes);
        if (idleMillis <= 0) {
            throw new IllegalArgumentException("gateway settings: idle limit must be positive, not " + idleMillis);
        }
        if (stallFrames <= 0) {
            throw new IllegalArgumentException("gateway settings: stall frames must be positive, not " + stallFrames);
        }
    }

    /** With the {@link #DEFAULT_STALL_FRAMES default stall limit in frames}, as before 1.2. */
    public GatewaySettings(String address, String host, int port, List<URI> orchestrators,
                           Map<String, BigInteger> stakes, BigInteger maxPricePerSecondWei,
                           long paymentIntervalMillis, long stallMillis, long idleMillis) {
        this(address, host, port, orchestrators, stakes, maxPricePerSecondWei, paymentIntervalMillis, stallMillis,
                idleMillis, DEFAULT_STALL_FRAMES);
    }

    /** With the {@link #DEFAULT_IDLE_MILLIS default idle limit}, as before 1.1. */
    public GatewaySettings(String address, String host, int port, List<URI> orchestrators,
                           Map<String, BigInteger> stakes, BigInteger maxPricePerSecondWei,
                           long paymentIntervalMillis, long stallMillis) {
        this(address, host, port, orchestrators, stakes, maxPricePerSecondWei, paymentIntervalMillis, stallMillis,
                DEFAULT_IDLE_MILLIS, DEFAULT_STALL_FRAMES);
    }
}
