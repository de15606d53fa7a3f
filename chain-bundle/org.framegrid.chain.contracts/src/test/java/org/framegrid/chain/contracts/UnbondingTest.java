package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.framegrid.chain.contracts.Reverts.assertReverts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;

import org.framegrid.chain.contracts.generated.BondingManager;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Unbonding locks, the unbonding period, rebonding and moving stake. No rewards here, so all sums are exact. */
class UnbondingTest {

    @Test
    void unbondWithdrawRebondAndMove() throws Exception {
        ProtocolParameters params = ProtocolParameters.defaults().withRoundLength(50).withUnbondingPeriod(2);
        try (Protocol p = new Protocol(params)) {
            p.registerOrchestrator(1, lpt("1000"), 0, 0);
            p.registerOrchestrator(3, lpt("500"), 0, 0);
            p.delegate(2, lpt("2000"), 1);
            assertReverts(RevertReason.BONDING_CALLER_MUST_BE_BONDED, () -> p.bonding(2).unbond(lpt("1")).send());
            p.nextRound();
            long round = p.currentRound();

            TransactionReceipt unbond = p.bonding(2).unbond(lpt("500")).send();
            BondingManager.UnbondEventResponse event = BondingManager.getUnbondEvents(unbond).get(0);
            assertEquals(BigInteger.ZERO, event.unbondingLockId);
            assertEquals(BigInteger.valueOf(round + 2), event.withdrawRound);
            assertEquals(lpt("2500"), p.transcoderTotalStake(1));
            assertReverts(RevertReason.BONDING_UNBONDING_PERIOD_NOT_OVER,
                    () -> p.bonding(2).withdrawStake(BigInteger.ZERO).send());
            assertReverts(RevertReason.BONDING_AMOUNT_EXCEEDS_BONDED_AMOUNT,
                    () -> p.bonding(2).unbond(lpt("1501")).send());

            // Rebond returns the lock to the current delegate.
            p.bonding(2).rebond(BigInteger.ZERO).send();
            assertEquals(lpt("2000"), p.bonding(0).getDelegator(p.address(2)).send().component1());
            assertEquals(lpt("3000"), p.transcoderTotalStake(1));
            assertReverts(RevertReason.BONDING_INVALID_UNBONDING_LOCK_ID,
                    () -> p.bonding(2).rebond(BigInteger.ZERO).send());

            // A fresh lock is withdrawable exactly unbondingPeriod rounds later.
            p.bonding(2).unbond(lpt("500")).send();
            p.nextRound();
            assertReverts(RevertReason.BONDING_UNBONDING_PERIOD_NOT_OVER,
                    () -> p.bonding(2).withdrawStake(BigInteger.ONE).send());
            p.nextRound();
            BigInteger before = p.lptBalance(2);
            p.bonding(2).withdrawStake(BigInteger.ONE).send();
            assertEquals(before.add(lpt("500")), p.lptBalance(2));
            assertReverts(RevertReason.BONDING_INVALID_UNBONDING_LOCK_ID,
                    () -> p.bonding(2).withdrawStake(BigInteger.ONE).send());

            // Moving stake: all 1500 go from orchestrator 1 to 3; the active total does not change.
            BigInteger totalBefore = p.bonding(0).nextRoundTotalActiveStake().send();
            p.bonding(2).bond(BigInteger.ZERO, p.address(3)).send();
            assertEquals(lpt("1000"), p.transcoderTotalStake(1));
            assertEquals(lpt("2000"), p.transcoderTotalStake(3));
            assertEquals(totalBefore, p.bonding(0).nextRoundTotalActiveStake().send());
            p.nextRound();
            assertEquals(totalBefore, p.bonding(0).getTotalBonded().send());
            assertReverts(RevertReason.BONDING_REGISTERED_TRANSCODERS_CANNOT_DELEGATE_TO_OTHERS,
                    () -> p.bonding(1).bond(BigInteger.ZERO, p.address(3)).send());

            // Fully unbonded, then back to orchestrator 1 from the lock.
            p.bonding(2).unbond(lpt("1500")).send();
            assertEquals(BigInteger.TWO, p.bonding(0).delegatorStatus(p.address(2)).send()); // Unbonded
            p.bonding(2).rebondFromUnbonded(p.address(1), BigInteger.TWO).send();
            assertEquals(lpt("2500"), p.transcoderTotalStake(1));
            assertEquals(lpt("500"), p.transcoderTotalStake(3));
            assertEquals(p.address(1), p.bonding(0).getDelegator(p.address(2)).send().component3());

            // An orchestrator that unbonds everything leaves the active set from the next round.
            p.bonding(3).unbond(lpt("500")).send();
            assertEquals(BigInteger.ONE, p.bonding(0).getTranscoderPoolSize().send());
            p.nextRound();
            assertEquals(lpt("2500"), p.bonding(0).getTotalBonded().send(), "orchestrator 1's 1000 + 1500 delegated");
        }
    }
}
