package org.framegrid.chain.api;

import java.math.BigInteger;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Staking as the node's own account ({@link #account()}): registering as an orchestrator, bonding (delegating) and
 * moving stake, unbonding into locks, rebonding, withdrawing stake and fees. Each write sends one transaction (plus
 * a token approval before a bond that adds LPT) and returns when it is mined; a revert throws
 * {@link ChainException} with the contract's reason. Reads take any account.
 */
@ProviderType
public interface StakingService {

    /** @return the address this service signs for */
    String account();

    /**
     * Registers or updates the account as an orchestrator and publishes its service URI.
     *
     * @param rewardCut  share of minted rewards the orchestrator keeps, parts per 10⁶ (1,000,000 = 100 %)
     * @param feeShare   share of fees passed to delegators, parts per 10⁶
     * @param serviceUri where gateways reach it, e.g. {@code https://orch.example:8935}; {@code null} leaves it as is
     */
    TxResult registerOrchestrator(long rewardCut, long feeShare, String serviceUri) throws ChainException;

    /**
     * Bonds {@code amount} more LPT to {@code to}. With a different {@code to} than the current delegate the whole
     * bonded stake moves there; {@code amount} may be zero to only move.
     */
    TxResult bond(BigInteger amount, String to) throws ChainException;

    /** Unbonds {@code amount}: it stops earning now and can be withdrawn after the unbonding period. */
    UnbondingLock unbond(BigInteger amount) throws ChainException;

    /** Returns the stake of an unbonding lock to the current delegate (or, when fully unbonded, to {@code to}). */
    TxResult rebond(long lockId, String to) throws ChainException;

    /** Withdraws the LPT of a lock whose unbonding period has passed. */
    TxResult withdrawStake(long lockId) throws ChainException;

    /** Withdraws {@code amount} of earned fees (ETH, wei) to {@code recipient}. */
    TxResult withdrawFees(String recipient, BigInteger amount) throws ChainException;

    /** @return {@code delegator}'s stake including rewards not yet claimed, as of the current round, wei */
    BigInteger pendingStake(String delegator) throws ChainException;

    /** @return {@code delegator}'s fees including those not yet claimed, as of the current round, wei */
    BigInteger pendingFees(String delegator) throws ChainException;

    /** @return the delegator record of {@code address} (all zero for an account that never bonded) */
    DelegatorInfo delegator(String address) throws ChainException;

    /** @return the orchestrator record of {@code address} */
    OrchestratorInfo orchestrator(String address) throws ChainException;

    /**
     * The orchestrators registered in the BondingManager's pool, with their stake and service URI: what a gateway
     * discovers and ranks.
     *
     * @return the pool, highest stake first
     * @since 1.1
     */
    List<OrchestratorInfo> orchestrators() throws ChainException;

    /** @return {@code delegator}'s unbonding locks that still hold stake, oldest first */
    List<UnbondingLock> unbondingLocks(String delegator) throws ChainException;

    /** @return the LPT balance of {@code address}, wei */
    BigInteger tokenBalance(String address) throws ChainException;
}
