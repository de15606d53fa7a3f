package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.DelegatorInfo;
import org.framegrid.chain.api.OrchestratorInfo;
import org.framegrid.chain.api.TreasuryInfo;
import org.framegrid.chain.api.UnbondingLock;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Staking round trips on a real anvil through {@link Staking}: register, delegate, reward split, unbond into a lock,
 * early withdrawal refused with its reason, rebond, withdrawal after the unbonding period, moving stake.
 */
class StakingTest {

    private static final BigInteger LPT = Fixture.LPT;
    private static final BigInteger P = BigInteger.TEN.pow(27); // the contracts' precise unit (PreciseMathUtils)
    private static final long ROUND_LENGTH = 20;
    private static final long UNBONDING_PERIOD = 2;

    private static Fixture f;

    @BeforeAll
    static void devchain() throws ChainException {
        f = new Fixture(ProtocolParameters.defaults().withRoundLength(ROUND_LENGTH).withUnbondingPeriod(UNBONDING_PERIOD));
        f.advanceRounds(1);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void stakingRoundTrip() throws Exception {
        Staking orchestrator = new Staking(f.chain(0));
        Staking delegator = new Staking(f.chain(1));
        String o = orchestrator.account();

        orchestrator.bond(LPT.multiply(BigInteger.valueOf(1000)), o);
        orchestrator.registerOrchestrator(100_000, 500_000, "https://127.0.0.1:8935");
        delegator.bond(LPT.multiply(BigInteger.valueOf(500)), o);
        OrchestratorInfo info = orchestrator.orchestrator(o);
        assertTrue(info.registered());
        assertFalse(info.active(), "joins the active set from the next round");
        assertEquals(100_000, info.rewardCut());
        assertEquals(500_000, info.feeShare());
        assertEquals("https://127.0.0.1:8935", info.serviceUri());
        assertEquals(LPT.multiply(BigInteger.valueOf(1500)), info.totalStake());
        assertEquals(DelegatorInfo.Status.PENDING, delegator.delegator(delegator.account()).status());

        f.advanceRounds(1);
        assertTrue(orchestrator.orchestrator(o).active());
        assertEquals(DelegatorInfo.Status.BONDED, delegator.delegator(delegator.account()).status());

        // reward(): the only active orchestrator mints the whole round's tokens; the spec's split (protocol.md §4).
        ChainClient owner = f.chain(0);
        BigInteger minted = owner.callUint(owner.addresses().minter(), "currentMintableTokens");
        owner.send("reward", owner.addresses().bondingManager(), "reward");
        // The treasury takes its 10% of the mint first (LIP-90, as the devchain deploys it); the rest is split.
        BigInteger mintable = minted.subtract(minted.divide(BigInteger.TEN));
        TreasuryInfo treasury = new ChainInfo(owner).treasury();
        assertEquals(minted.divide(BigInteger.TEN), treasury.balance(), "the treasury's 10% arrived");
        assertEquals(BigInteger.TEN.pow(26), treasury.rewardCutRate());
        BigInteger commission = mintable.multiply(BigInteger.valueOf(100_000)).divide(BigInteger.valueOf(1_000_000));
        BigInteger delegatorsRewards = mintable.subtract(commission);
        BigInteger total = LPT.multiply(BigInteger.valueOf(1500));
        BigInteger crf = P.add(P.multiply(delegatorsRewards.multiply(P).divide(total)).divide(P));
        BigInteger delegatorStake = LPT.multiply(BigInteger.valueOf(500)).multiply(crf).divide(P);
        BigInteger orchestratorStake = LPT.multiply(BigInteger.valueOf(1000)).multiply(crf).divide(P).add(commission);
        assertEquals(delegatorStake, delegator.pendingStake(delegator.account()));
        assertEquals(orchestratorStake, orchestrator.pendingStake(o));
        BigInteger dust = total.add(mintable).subtract(delegatorStake).subtract(orchestratorStake);
        assertTrue(dust.signum() >= 0 && dust.compareTo(BigInteger.TEN) < 0, "rounding dust " + dust);

        // Unbond into a lock; withdrawing early is refused with the contract's reason as text.
        long round = f.round(owner);
        UnbondingLock lock = delegator.unbond(LPT.multiply(BigInteger.valueOf(200)));
        assertEquals(0, lock.id());
        assertEquals(LPT.multiply(BigInteger.valueOf(200)), lock.amount());
        assertEquals(round + UNBONDING_PERIOD, lock.withdrawRound());
        assertEquals(List.of(lock), delegator.unbondingLocks(delegator.account()));
        ChainException early = assertThrows(ChainException.class, () -> delegator.withdrawStake(lock.id()));
        assertEquals("withdraw-stake: BondingManager: unbonding period not over", early.getMessage());
        assertTrue(early.reverted());

        // Rebond restores the stake and clears the lock.
        delegator.rebond(lock.id(), null);
        assertEquals(delegatorStake, delegator.pendingStake(delegator.account()));
        assertTrue(delegator.unbondingLocks(delegator.account()).isEmpty());
        ChainException gone = assertThrows(ChainException.class, () -> delegator.rebond(lock.id(), null));
        assertEquals("rebond: BondingManager: invalid unbonding lock ID", gone.getMessage());

        // After the unbonding period the LPT comes back to the wallet.
        UnbondingLock second = delegator.unbond(LPT.multiply(BigInteger.valueOf(100)));
        assertEquals(1, second.id());
        f.advanceRounds((int) UNBONDING_PERIOD);
        BigInteger before = delegator.tokenBalance(delegator.account());
        delegator.withdrawStake(second.id());
        assertEquals(before.add(second.amount()), delegator.tokenBalance(delegator.account()));

        // Moving stake to another orchestrator keeps the total.
        Staking other = new Staking(f.chain(2));
        other.bond(LPT.multiply(BigInteger.valueOf(10)), other.account());
        other.registerOrchestrator(200_000, 300_000, null);
        BigInteger sumBefore = orchestrator.orchestrator(o).totalStake().add(other.orchestrator(other.account()).totalStake());
        BigInteger moving = delegator.pendingStake(delegator.account());
        delegator.bond(BigInteger.ZERO, other.account());
        assertEquals(other.account(), delegator.delegator(delegator.account()).delegate());
        assertEquals(LPT.multiply(BigInteger.TEN).add(moving), other.orchestrator(other.account()).totalStake());
        assertEquals(sumBefore, orchestrator.orchestrator(o).totalStake().add(other.orchestrator(other.account()).totalStake()));
        // Discovery (a gateway's view): the pool walked in stake order, with each service URI.
        List<OrchestratorInfo> pool = delegator.orchestrators();
        // o keeps its own 1,000 LPT and rewards; other has 10 LPT plus the delegator's ~400.
        assertEquals(List.of(o, other.account()), pool.stream().map(OrchestratorInfo::address).toList());
        assertEquals(other.orchestrator(other.account()).totalStake(), pool.get(1).totalStake());
        assertEquals("https://127.0.0.1:8935", pool.get(0).serviceUri());
        assertEquals("", pool.get(1).serviceUri());

        // No fees were earned: withdrawing any is refused with its reason.
        ChainException noFees = assertThrows(ChainException.class,
                () -> delegator.withdrawFees(delegator.account(), BigInteger.ONE));
        assertEquals("withdraw-fees: BondingManager: insufficient fees to withdraw", noFees.getMessage());
    }

    @Test
    void fullyUnbondedStakeRebondsFromItsLock() throws Exception {
        Staking account = new Staking(f.chain(6));
        account.bond(LPT.multiply(BigInteger.valueOf(50)), account.account());
        f.advanceRounds(1);
        UnbondingLock lock = account.unbond(LPT.multiply(BigInteger.valueOf(50)));
        assertEquals(DelegatorInfo.Status.UNBONDED, account.delegator(account.account()).status());
        account.rebond(lock.id(), account.account()); // unbonded: rebondFromUnbonded(to, lock)
        assertEquals(LPT.multiply(BigInteger.valueOf(50)), account.pendingStake(account.account()));
        assertEquals(account.account(), account.delegator(account.account()).delegate());
        assertTrue(account.unbondingLocks(account.account()).isEmpty());
    }

    @Test
    void badInputIsRefusedBeforeAnyTransaction() throws Exception {
        Staking staking = new Staking(f.chain(3));
        ChainException bad = assertThrows(ChainException.class, () -> staking.bond(LPT, "0x1234"));
        assertEquals("bond: '0x1234' is not an address (expected 0x and 40 hex digits)", bad.getMessage());
        ChainException cut = assertThrows(ChainException.class, () -> staking.registerOrchestrator(1_000_001, 0, null));
        assertTrue(cut.getMessage().startsWith("register: reward cut must be between 0 and 1,000,000"), cut.getMessage());
        ChainException notRegistered = assertThrows(ChainException.class, () -> staking.registerOrchestrator(0, 0, null));
        assertEquals("register: BondingManager: transcoder must be registered", notRegistered.getMessage());
    }
}
