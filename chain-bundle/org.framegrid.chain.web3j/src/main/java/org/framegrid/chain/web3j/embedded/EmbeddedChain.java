package org.framegrid.chain.web3j.embedded;

import java.math.BigInteger;
import java.time.Duration;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.web3j.internal.ChainClient;
import org.framegrid.chain.web3j.internal.TicketBrokerClient;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A connection to a chain where the protocol is deployed, in a plain JVM: read-only by itself, acting for the
 * accounts whose keys are handed to {@link #tickets}. Owns its client threads; {@link #close()} ends them.
 */
@ProviderType
public final class EmbeddedChain implements AutoCloseable {

    /** The order of secp256k1's group: a private key is a number from 1 to this, exclusive. */
    private static final BigInteger SECP256K1_N =
            new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    private final ChainClient client;

    /**
     * Connects to {@code url} and finds the contracts through the Controller at {@code controller}.
     *
     * @param receiptPoll how often a sent transaction's receipt is asked for (a local node: a few milliseconds)
     * @throws ChainException when no node answers there, or the Controller is missing or incomplete
     */
    public EmbeddedChain(String url, String controller, Duration receiptPoll) throws ChainException {
        this.client = ChainClient.connect(url, controller, receiptPoll);
    }

    /**
     * @param privateKey the account's secp256k1 private key
     * @return the TicketBroker acting for that account; every call for the same key shares one nonce sequence
     * @throws IllegalArgumentException when {@code privateKey} is not a private key
     */
    public TicketAccount tickets(BigInteger privateKey) {
        if (privateKey.signum() <= 0 || privateKey.compareTo(SECP256K1_N) >= 0) {
            throw new IllegalArgumentException("not a secp256k1 private key (1 to n-1): a number of "
                    + privateKey.bitLength() + " bits");
        }
        return new TicketBrokerClient(client, privateKey);
    }

    @Override
    public void close() {
        client.close();
    }
}
