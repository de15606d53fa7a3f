package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.framegrid.chain.contracts.generated.BondingManager;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple7;

/**
 * 1,000 random sequences of bond / move / unbond / rebond / withdraw / transfer bond / reward / fees / claim / new
 * round, each from the same snapshot, keep the staking invariants: supply = genesis + minted (orchestrators' rewards
 * and the treasury's cut), and every LPT is in an account, the Minter or the Treasury; the Treasury holds exactly its
 * cuts; the Minter holds exactly the delegated stake plus the unbonding locks; no holder's claim underflows and an
 * orchestrator's delegators never claim more than its delegated stake (exactly as much while nothing was minted); the
 * Minter's ETH covers every claimable fee and sender funds; BondingVotes agrees with the bonded stake at every round
 * ({@link VoteInvariants}). Every step either succeeds or reverts with one of the contracts' own reasons.
 */
class StakingInvariantsTest {

    enum Kind { BOND, MOVE, UNBOND, REBOND, REBOND_FROM_UNBONDED, WITHDRAW_STAKE, TRANSFER_BOND, REWARD, FEES,
        WITHDRAW_FEES, CLAIM, NEXT_ROUND }

    /** One step: who acts, on which orchestrator, with what share of the relevant amount, on which lock. */
    record Op(Kind kind, int holder, int orchestrator, int percent, int lock) {
    }

    private static final int[] ORCHESTRATORS = {1, 2};
    private static final int[] DELEGATORS = {3, 4, 5, 6};
    private static final int[] HOLDERS = {1, 2, 3, 4, 5, 6};
    private static final int SENDER = 7;
    private static final String FEE_RECIPIENT_ACCOUNT_INDEX = "8";
    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    private static final int ACCOUNTS = 10;
    private static final List<TypeReference<?>> DELEGATOR_OUTPUTS = List.of(
            new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }, new TypeReference<Address>() { },
            new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { },
            new TypeReference<Uint256>() { });
    private static final List<TypeReference<?>> LOCK_OUTPUTS = List.of(
            new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { });

    private static Protocol p;
    private static String snapshot;
    private static BigInteger supplyAtSnapshot;
    private static BigInteger treasuryAtSnapshot;
    private static long snapshotRound;
    /** What this sequence's rewards paid the Treasury. */
    private static BigInteger paidToTreasury;
    private static final Map<Kind, AtomicInteger> succeeded = new EnumMap<>(Kind.class);
    private static final Map<Kind, AtomicInteger> reverted = new EnumMap<>(Kind.class);
    private static final Map<Kind, java.util.Set<RevertReason>> reasons = new EnumMap<>(Kind.class);
    private static final AtomicInteger sequencesThatMinted = new AtomicInteger();
    private static final AtomicLong ticketNonce = new AtomicLong();
    private static long startNanos;
    private static long operationNanos;
    private static long checkNanos;

    static {
        for (Kind k : Kind.values()) {
            succeeded.put(k, new AtomicInteger());
            reverted.put(k, new AtomicInteger());
            reasons.put(k, java.util.EnumSet.noneOf(RevertReason.class));
        }
    }

    @BeforeContainer
    static void deploy() throws Exception {
        startNanos = System.nanoTime();
        // 50-block rounds: the set-up below (about 35 transactions after deployment) fits in round 0.
        p = new Protocol(ProtocolParameters.defaults().withRoundLength(50).withUnbondingPeriod(2));
        p.registerOrchestrator(1, lpt("5000"), 100_000, 500_000);
        p.registerOrchestrator(2, lpt("3000"), 300_000, 800_000);
        for (int d : DELEGATORS) {
            p.fund(d, lpt("10000"));
        }
        p.bonding(3).bond(lpt("2000"), p.address(1)).send();
        p.bonding(4).bond(lpt("1000"), p.address(2)).send();
        p.bonding(5).bond(lpt("1000"), p.address(1)).send();
        p.broker(SENDER).fundDepositAndReserve(ETH.multiply(BigInteger.valueOf(50)), ETH.multiply(BigInteger.TEN),
                ETH.multiply(BigInteger.valueOf(60))).send();
        p.nextRound();
        // Start every sequence with locks in hand, so that short sequences reach rebond, rebondFromUnbonded and
        // withdrawStake: 3 keeps a bond and a lock, 5 is fully unbonded with one; both withdrawable from round 3.
        p.bonding(3).unbond(lpt("500")).send();
        p.bonding(5).unbond(lpt("1000")).send();
        p.advanceRounds(2);
        supplyAtSnapshot = p.token(0).totalSupply().send();
        treasuryAtSnapshot = p.token(0).balanceOf(p.addresses.treasury()).send();
        snapshotRound = p.currentRound();
        snapshot = p.anvil.snapshot();
    }

    @AfterContainer
    static void report() {
        try {
            System.out.printf("staking invariants: %d sequences minted rewards; %.1f s in all, %.1f s in operations,"
                    + " %.1f s checking%n", sequencesThatMinted.get(), (System.nanoTime() - startNanos) / 1e9,
                    operationNanos / 1e9, checkNanos / 1e9);
            for (Kind k : Kind.values()) {
                System.out.printf("  %-22s %5d succeeded %5d reverted with a protocol reason %s%n", k,
                        succeeded.get(k).get(), reverted.get(k).get(), reasons.get(k));
            }
            // A property that never exercised an operation would prove nothing about it.
            for (Kind k : Kind.values()) {
                assertTrue(succeeded.get(k).get() > 0, k + " never succeeded");
            }
            assertTrue(sequencesThatMinted.get() > 0, "no sequence minted rewards");
        } finally {
            if (p != null) {
                p.close();
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, HOLDERS.length - 1),
                Arbitraries.integers().between(0, ORCHESTRATORS.length - 1),
                Arbitraries.integers().between(1, 100),
                Arbitraries.integers().between(0, 3))
                .as((kind, holder, orchestrator, percent, lock) -> new Op(kind, HOLDERS[holder],
                        ORCHESTRATORS[orchestrator], percent, lock));
        return op.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    void randomSequencesKeepTheInvariants(@ForAll("sequences") List<Op> ops) throws Exception {
        p.revert(snapshot);
        snapshot = p.anvil.snapshot();
        long start = System.nanoTime();
        BigInteger minted = BigInteger.ZERO;
        paidToTreasury = BigInteger.ZERO;
        for (Op op : ops) {
            minted = minted.add(apply(op));
        }
        if (minted.signum() > 0) {
            sequencesThatMinted.incrementAndGet();
        }
        long checking = System.nanoTime();
        operationNanos += checking - start;
        checkInvariants(minted, ops);
        checkNanos += System.nanoTime() - checking;
    }

    /** Runs one step; returns the LPT it minted. */
    private static BigInteger apply(Op op) throws Exception {
        BondingManager bm = p.bonding(op.holder());
        String orchestrator = p.address(op.orchestrator());
        switch (op.kind()) {
            case BOND -> {
                int delegator = DELEGATORS[op.holder() % DELEGATORS.length];
                BigInteger amount = percent(p.lptBalance(delegator), op.percent());
                run(op, () -> p.bonding(delegator).bond(amount, orchestrator).send());
            }
            case MOVE -> {
                int delegator = DELEGATORS[op.holder() % DELEGATORS.length];
                run(op, () -> p.bonding(delegator).bond(BigInteger.ZERO, orchestrator).send());
            }
            case UNBOND -> {
                BigInteger bonded = delegator(op.holder()).component1();
                BigInteger amount = percent(bonded, op.percent()).max(BigInteger.ONE);
                run(op, () -> bm.unbond(amount).send());
            }
            case REBOND -> run(op, () -> bm.rebond(lockId(op)).send());
            case REBOND_FROM_UNBONDED -> run(op, () -> bm.rebondFromUnbonded(orchestrator, lockId(op)).send());
            case WITHDRAW_STAKE -> run(op, () -> bm.withdrawStake(lockId(op)).send());
            case TRANSFER_BOND -> {
                // To another holder: op.lock (0..3) picks one of the next four.
                String to = p.address(HOLDERS[(indexOf(op.holder()) + 1 + op.lock()) % HOLDERS.length]);
                BigInteger amount = percent(delegator(op.holder()).component1(), op.percent()).max(BigInteger.ONE);
                run(op, () -> bm.transferBond(to, amount, ZERO_ADDRESS, ZERO_ADDRESS, ZERO_ADDRESS, ZERO_ADDRESS).send());
            }
            case REWARD -> {
                TransactionReceipt r = run(op, () -> p.bonding(op.orchestrator()).reward().send());
                if (r == null) {
                    return BigInteger.ZERO;
                }
                BigInteger toTreasury = BondingManager.getTreasuryRewardEvents(r).stream()
                        .map(e -> e.amount).reduce(BigInteger.ZERO, BigInteger::add);
                paidToTreasury = paidToTreasury.add(toTreasury);
                return BondingManager.getRewardEvents(r).get(0).amount.add(toTreasury);
            }
            case FEES -> {
                BigInteger faceValue = ETH.multiply(BigInteger.valueOf(op.percent())).divide(BigInteger.valueOf(100));
                TicketSigner.Signed t = TicketSigner.ticket(p, op.orchestrator(), p.credentials(SENDER), faceValue,
                        TicketSigner.ALWAYS_WINS, ticketNonce.incrementAndGet(), BigInteger.valueOf(op.percent() + 7919L));
                run(op, () -> p.broker(op.orchestrator()).redeemWinningTicket(t.ticket(), t.sig(), t.recipientRand())
                        .send());
            }
            case WITHDRAW_FEES -> {
                BigInteger amount = percent(p.pendingFees(op.holder()), op.percent());
                String to = p.address(Integer.parseInt(FEE_RECIPIENT_ACCOUNT_INDEX));
                run(op, () -> bm.withdrawFees(to, amount).send());
            }
            case CLAIM -> run(op, () -> bm.claimEarnings(BigInteger.valueOf(p.currentRound())).send());
            case NEXT_ROUND -> run(op, p::nextRound);
        }
        return BigInteger.ZERO;
    }

    private static void checkInvariants(BigInteger minted, List<Op> ops) throws Exception {
        String context = "after " + ops;
        ProtocolAddresses a = p.addresses;
        // One batch for the per-holder views (which revert on an arithmetic underflow, so reading them is also the
        // non-negativity check), one for the locks the first one revealed.
        ViewBatch views = new ViewBatch(p.anvil.web3j())
                .uint(a.livepeerToken(), "totalSupply")
                .uint(a.livepeerToken(), "balanceOf", ViewBatch.address(a.minter()))
                .uint(a.livepeerToken(), "balanceOf", ViewBatch.address(a.treasury()));
        for (int account = 0; account < ACCOUNTS; account++) {
            views.uint(a.livepeerToken(), "balanceOf", ViewBatch.address(p.address(account)));
        }
        for (int o : ORCHESTRATORS) {
            views.uint(a.bondingManager(), "transcoderTotalStake", ViewBatch.address(p.address(o)));
        }
        for (int h : HOLDERS) {
            Address holder = ViewBatch.address(p.address(h));
            views.call(a.bondingManager(), "getDelegator", List.of(holder), DELEGATOR_OUTPUTS)
                    .uint(a.bondingManager(), "pendingStake", holder, ViewBatch.uint(0))
                    .uint(a.bondingManager(), "pendingFees", holder, ViewBatch.uint(0));
        }
        List<List<Type>> r = views.send();
        BigInteger supply = ViewBatch.big(r.get(0).get(0));
        assertEquals(supplyAtSnapshot.add(minted), supply, "supply = genesis + minted " + context);
        BigInteger minterLpt = ViewBatch.big(r.get(1).get(0));
        BigInteger treasuryLpt = ViewBatch.big(r.get(2).get(0));
        assertEquals(treasuryAtSnapshot.add(paidToTreasury), treasuryLpt, "Treasury LPT = its cuts " + context);
        BigInteger held = minterLpt.add(treasuryLpt);
        for (int account = 0; account < ACCOUNTS; account++) {
            held = held.add(ViewBatch.big(r.get(3 + account).get(0)));
        }
        assertEquals(supply, held, "every LPT is in an account, the Minter or the Treasury " + context);
        int row = 3 + ACCOUNTS;
        Map<Integer, BigInteger> delegated = new java.util.HashMap<>();
        for (int o : ORCHESTRATORS) {
            delegated.put(o, ViewBatch.big(r.get(row++).get(0)));
        }

        ViewBatch locks = new ViewBatch(p.anvil.web3j());
        Map<Integer, BigInteger> claims = new java.util.HashMap<>();
        BigInteger claimableFees = BigInteger.ZERO;
        int lockCount = 0;
        for (int h : HOLDERS) {
            List<Type> delegator = r.get(row++);
            BigInteger stake = ViewBatch.big(r.get(row++).get(0));
            claimableFees = claimableFees.add(ViewBatch.big(r.get(row++).get(0)));
            String delegate = (String) delegator.get(2).getValue();
            for (int o : ORCHESTRATORS) {
                if (delegate.equalsIgnoreCase(p.address(o))) {
                    claims.merge(o, stake, BigInteger::add);
                }
            }
            for (long id = 0; id < ViewBatch.big(delegator.get(6)).longValueExact(); id++) {
                locks.call(a.bondingManager(), "getDelegatorUnbondingLock",
                        List.of(ViewBatch.address(p.address(h)), ViewBatch.uint(id)), LOCK_OUTPUTS);
                lockCount++;
            }
        }
        BigInteger locked = BigInteger.ZERO;
        if (lockCount > 0) {
            for (List<Type> lock : locks.send()) {
                locked = locked.add(ViewBatch.big(lock.get(0)));
            }
        }

        BigInteger totalDelegated = BigInteger.ZERO;
        for (int o : ORCHESTRATORS) {
            BigInteger orchestratorStake = delegated.get(o);
            BigInteger claimed = claims.getOrDefault(o, BigInteger.ZERO);
            totalDelegated = totalDelegated.add(orchestratorStake);
            if (minted.signum() == 0) {
                assertEquals(orchestratorStake, claimed, "delegators' stakes of " + o + " " + context);
            } else {
                assertTrue(claimed.compareTo(orchestratorStake) <= 0,
                        "delegators of " + o + " claim " + claimed + " > " + orchestratorStake + " " + context);
            }
        }
        assertEquals(totalDelegated.add(locked), minterLpt, "Minter LPT = delegated + locked " + context);

        var sender = p.broker(0).getSenderInfo(p.address(SENDER)).send();
        BigInteger owed = claimableFees.add(sender.component1().deposit).add(sender.component2().fundsRemaining);
        BigInteger eth = p.ethBalance(a.minter());
        assertTrue(owed.compareTo(eth) <= 0, "Minter ETH " + eth + " < owed " + owed + " " + context);
        // The snapshot round's predecessor is the last round every sequence shares.
        VoteInvariants.check(p, ORCHESTRATORS, HOLDERS, snapshotRound - 1, context);
    }

    private static TransactionReceipt run(Op op, Reverts.Call call) {
        try {
            TransactionReceipt receipt = (TransactionReceipt) call.run();
            succeeded.get(op.kind()).incrementAndGet();
            return receipt;
        } catch (Exception e) {
            if (RevertReason.find(e).isEmpty()) {
                throw new AssertionError(op + " failed without a protocol revert reason", e);
            }
            reverted.get(op.kind()).incrementAndGet();
            reasons.get(op.kind()).add(RevertReason.find(e).orElseThrow());
            return null;
        }
    }

    private static Tuple7<BigInteger, BigInteger, String, BigInteger, BigInteger, BigInteger, BigInteger> delegator(
            int account) throws Exception {
        return p.bonding(0).getDelegator(p.address(account)).send();
    }

    /** A lock the holder has (or lock 0 if none, which then reverts as invalid). */
    private static BigInteger lockId(Op op) throws Exception {
        long count = delegator(op.holder()).component7().longValueExact();
        return BigInteger.valueOf(count == 0 ? 0 : op.lock() % count);
    }

    private static int indexOf(int holder) {
        return java.util.stream.IntStream.range(0, HOLDERS.length).filter(i -> HOLDERS[i] == holder).findFirst()
                .orElseThrow();
    }

    private static BigInteger percent(BigInteger amount, int percent) {
        return amount.multiply(BigInteger.valueOf(percent)).divide(BigInteger.valueOf(100));
    }

}
