package org.framegrid.chain.api;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Controls the local development chain the node started (only registered then): time travels by mining blocks, and
 * acts as its funded development accounts (for demos, tests and tools). Their keys are anvil's public development
 * keys: never use them on a real chain.
 */
@ProviderType
public interface DevchainService {

    /** Mines {@code blocks} empty blocks at once. */
    void mineBlocks(long blocks) throws ChainException;

    /**
     * Moves to the start of the round {@code rounds} ahead and initialises it (each round in between is skipped, as
     * on a real chain where nobody initialised it).
     *
     * @return the round now current
     */
    long advanceRounds(int rounds) throws ChainException;

    /** @return the funded development accounts (the node's own first), addresses */
    List<String> accounts() throws ChainException;

    /**
     * Staking as one of the {@link #accounts()}: its transactions go through the node's one sender for that account,
     * the same one the node itself uses when the account is its own.
     *
     * @since 2.0
     */
    StakingService stakingAs(String account) throws ChainException;

    /**
     * Writes the key of one of the {@link #accounts()} as an encrypted JSON keystore (the chain configuration's
     * {@code keystore.file}), locked with the first line of {@code passwordFile}.
     *
     * @since 2.0
     */
    void exportKeystore(String account, Path keystoreFile, Path passwordFile) throws ChainException;

    /**
     * Writes the private key of one of the {@link #accounts()} as hex (the ticket components' {@code key.file}).
     *
     * @since 2.0
     */
    void exportPrivateKey(String account, Path file) throws ChainException;
}
