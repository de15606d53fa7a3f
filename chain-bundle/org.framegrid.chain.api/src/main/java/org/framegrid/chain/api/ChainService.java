package org.framegrid.chain.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The chain the node is connected to: a configured JSON-RPC node, or the devchain it started itself. Registered once
 * the connection is up and the protocol's contracts have been found.
 */
@ProviderType
public interface ChainService {

    /** @return the chain id (31337 on the devchain) */
    long chainId();

    /** @return the JSON-RPC URL the node talks to */
    String rpcUrl();

    /** @return the Controller's address, through which every other contract was found */
    String controllerAddress();

    /** @return the latest block number */
    long blockNumber() throws ChainException;

    /** @return the current round as the RoundsManager sees it */
    RoundInfo round() throws ChainException;

    /** @return the network panel's figures at the latest block */
    NetworkStats networkStats() throws ChainException;

    /**
     * @return the treasury's balance, reward cut and ceiling at the latest block
     * @throws ChainException also when the chain's Controller has no Treasury registered (a deployment before LIP-89)
     * @since 2.1
     */
    TreasuryInfo treasury() throws ChainException;
}
