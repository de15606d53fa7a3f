package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.framegrid.chain.api.ChainException;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The position hints of the BondingManager's hinted calls ({@code bondWithHint}, {@code unbondWithHint},
 * {@code rebondWithHint}, {@code rebondFromUnbondedWithHint}, {@code transcoderWithHint}, {@code rewardWithHint}),
 * worked out from the pool as it is now and the change the call makes, in the order the contract makes it. Each
 * method returns the hint addresses in the order the call takes them, after its other arguments.
 */
final class PoolHints {

    static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);
    /** The treasury cut rate's "100 %" (PreciseMathUtils). */
    static final BigInteger PRECISE_ONE = BigInteger.TEN.pow(27);
    private static final TypeReference<Uint256> UINT = new TypeReference<>() {
    };

    private final ChainClient chain;
    private final String bondingManager;

    PoolHints(ChainClient chain) {
        this.chain = chain;
        this.bondingManager = chain.addresses().bondingManager();
    }

    /** Reads the pool: walks it from its head, each member with its total stake. */
    PoolSnapshot pool() throws ChainException {
        int size = chain.callUint(bondingManager, "getTranscoderPoolSize").intValueExact();
        int maxSize = chain.callUint(bondingManager, "getTranscoderPoolMaxSize").intValueExact();
        List<PoolSnapshot.Member> members = new ArrayList<>(size);
        String next = chain.callAddress(bondingManager, "getFirstTranscoderInPool").toLowerCase(Locale.ROOT);
        // Bounded by the pool size, so a list changing between calls cannot loop forever.
        while (members.size() < size && !ChainClient.ZERO_ADDRESS.equals(next)) {
            members.add(new PoolSnapshot.Member(next, stakeOf(next)));
            next = chain.callAddress(bondingManager, "getNextTranscoderInPool", new Address(next)).toLowerCase(Locale.ROOT);
        }
        return new PoolSnapshot(members, maxSize);
    }

    /**
     * {@code bondWithHint}: where the old delegate goes when a bonded {@code owner} moves its stake to {@code to}, then
     * where {@code to} goes with the stake it gains (in the pool after the first move).
     */
    List<Address> bond(String owner, BigInteger amount, String to) throws ChainException {
        PoolSnapshot pool = pool();
        Delegation d = delegation(owner);
        PoolSnapshot.Hint old = PoolSnapshot.NONE;
        BigInteger gained = amount;
        if (d.bonded().signum() > 0 && !d.delegate().equals(to)) {
            gained = gained.add(d.bonded());
            if (pool.contains(d.delegate())) {
                BigInteger left = pool.stake(d.delegate()).subtract(d.bonded());
                old = pool.hintFor(d.delegate(), left);
                pool = pool.after(d.delegate(), left);
            }
        }
        // A self-bond makes the owner an orchestrator before its stake is counted.
        boolean registered = to.equals(owner) || chain.callBool(bondingManager, "isRegisteredTranscoder", new Address(to));
        PoolSnapshot.Hint current = registered ? gain(pool, to, gained) : PoolSnapshot.NONE;
        return addresses(old, current);
    }

    /** {@code unbondWithHint}: where the delegate goes with {@code amount} less (nowhere if the caller resigns). */
    List<Address> unbond(String delegator, BigInteger amount) throws ChainException {
        PoolSnapshot pool = pool();
        Delegation d = delegation(delegator);
        if (amount.compareTo(d.bonded()) == 0 && pool.contains(delegator)) {
            pool = pool.without(delegator); // an orchestrator unbonding all its own stake leaves the pool first
        }
        PoolSnapshot.Hint hint = pool.contains(d.delegate())
                ? pool.hintFor(d.delegate(), pool.stake(d.delegate()).subtract(amount)) : PoolSnapshot.NONE;
        return addresses(hint);
    }

    /**
     * {@code rebondWithHint} / {@code rebondFromUnbondedWithHint}: where the delegate ({@code to} when the caller is
     * unbonded) goes with the lock's stake back.
     */
    List<Address> rebond(String delegator, long lockId, String to, boolean unbonded) throws ChainException {
        PoolSnapshot pool = pool();
        String delegate = unbonded ? to : delegation(delegator).delegate();
        BigInteger amount = (BigInteger) chain.call(bondingManager, "getDelegatorUnbondingLock",
                List.of(new Address(delegator), new Uint256(lockId)), List.of(UINT, UINT)).get(0).getValue();
        boolean registered = delegate.equals(delegator)
                || chain.callBool(bondingManager, "isRegisteredTranscoder", new Address(delegate));
        return addresses(registered ? gain(pool, delegate, amount) : PoolSnapshot.NONE);
    }

    /** {@code transcoderWithHint}: where the caller joins the pool, if it is not in it yet. */
    List<Address> transcoder(String self) throws ChainException {
        PoolSnapshot pool = pool();
        return addresses(pool.contains(self) ? PoolSnapshot.NONE : pool.hintFor(self, stakeOf(self)));
    }

    /** {@code rewardWithHint}: where the caller goes with this round's reward restaked (the treasury's cut taken). */
    List<Address> reward(String self) throws ChainException {
        PoolSnapshot pool = pool();
        long round = chain.callUint(chain.addresses().roundsManager(), "currentRound").longValueExact();
        // The active stake reward() mints for: this round's earnings pool, or the last round the stake changed in.
        long lastUpdate = ((BigInteger) chain.call(bondingManager, "getTranscoder", List.of(new Address(self)),
                List.of(UINT, UINT, UINT, UINT)).get(3).getValue()).longValueExact();
        BigInteger active = (BigInteger) chain.call(bondingManager, "getTranscoderEarningsPoolForRound",
                List.of(new Address(self), new Uint256(Math.min(lastUpdate, round))), List.of(UINT)).get(0).getValue();
        BigInteger totalActive = chain.callUint(bondingManager, "currentRoundTotalActiveStake");
        BigInteger mintable = chain.callUint(chain.addresses().minter(), "currentMintableTokens");
        BigInteger minted = minted(mintable, active, totalActive);
        BigInteger restaked = minted.subtract(treasuryShare(minted,
                chain.callUint(bondingManager, "treasuryRewardCutRate")));
        BigInteger stake = pool.contains(self) ? pool.stake(self) : stakeOf(self);
        return addresses(pool.hintFor(self, stake.add(restaked)));
    }

    /**
     * What {@code reward()} mints for an active stake, as Livepeer's {@code MathUtils.percOf}: the share truncated
     * to billionths first, then {@code mintable × billionths / 10⁹}, truncated.
     */
    static BigInteger minted(BigInteger mintable, BigInteger activeStake, BigInteger totalActiveStake) {
        if (totalActiveStake.signum() == 0) {
            return BigInteger.ZERO;
        }
        return mintable.multiply(activeStake.multiply(BILLION).divide(totalActiveStake)).divide(BILLION);
    }

    /** The treasury's part of a mint at {@code cutRate} (parts per 10²⁷), truncated. */
    static BigInteger treasuryShare(BigInteger minted, BigInteger cutRate) {
        return minted.multiply(cutRate).divide(PRECISE_ONE);
    }

    /** Where {@code delegate}, a registered orchestrator, goes when its stake grows by {@code amount}. */
    private PoolSnapshot.Hint gain(PoolSnapshot pool, String delegate, BigInteger amount) throws ChainException {
        BigInteger stake = pool.contains(delegate) ? pool.stake(delegate) : stakeOf(delegate);
        return pool.hintFor(delegate, stake.add(amount));
    }

    private BigInteger stakeOf(String orchestrator) throws ChainException {
        return chain.callUint(bondingManager, "transcoderTotalStake", new Address(orchestrator));
    }

    /** What the bonding calls need of a delegator: its bonded amount and its delegate (lower-case). */
    private record Delegation(BigInteger bonded, String delegate) {
    }

    private Delegation delegation(String delegator) throws ChainException {
        // getDelegator(address) starts with (bondedAmount, fees, delegateAddress, ...): static, so the prefix decodes.
        List<Type> d = chain.call(bondingManager, "getDelegator", List.of(new Address(delegator)),
                List.of(UINT, UINT, new TypeReference<Address>() {
                }));
        return new Delegation((BigInteger) d.get(0).getValue(), d.get(2).toString().toLowerCase(Locale.ROOT));
    }

    private static List<Address> addresses(PoolSnapshot.Hint... hints) {
        List<Address> out = new ArrayList<>();
        for (PoolSnapshot.Hint hint : hints) {
            out.add(new Address(hint.prev()));
            out.add(new Address(hint.next()));
        }
        return out;
    }
}
