package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.framegrid.chain.contracts.Reverts.assertReverts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.framegrid.chain.contracts.generated.BondingManager;
import org.framegrid.chain.contracts.generated.TicketBroker;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One orchestrator (rewardCut 10%, feeShare 60%) with 1,000 LPT of its own and delegators of 2,000 and 3,000 LPT:
 * reward() and a redeemed winning ticket split exactly as protocol.md §4 says, after the treasury's 10% of the mint.
 */
class RewardAndFeeSplitTest {

    static final BigInteger PRECISE = BigInteger.TEN.pow(27);
    static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    /** PreciseMathUtils.percOf: amount * (num * 10^27 / denom) / 10^27. */
    static BigInteger precisePercOf(BigInteger amount, BigInteger num, BigInteger denom) {
        return amount.multiply(num.multiply(PRECISE).divide(denom)).divide(PRECISE);
    }

    @Test
    void rewardAndFeesSplitByRewardCutFeeShareAndStake() throws Exception {
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100))) {
            p.registerOrchestrator(1, lpt("1000"), 100_000, 600_000);
            p.delegate(2, lpt("2000"), 1);
            p.delegate(3, lpt("3000"), 1);
            p.nextRound();
            BigInteger total = lpt("6000");
            BigInteger mintable = p.minter().currentMintableTokens().send();

            TransactionReceipt rewardReceipt = p.bonding(1).reward().send();
            BigInteger reward = BondingManager.getRewardEvents(rewardReceipt).get(0).amount;
            // The only active orchestrator holds all active stake, so it mints the whole round's tokens (its share is
            // 10^9 billionths exactly); the treasury takes its 10% cut (10^26 per 10^27) of them first (LIP-90).
            BigInteger treasuryCut = mintable.multiply(BigInteger.TEN.pow(26)).divide(BigInteger.TEN.pow(27));
            assertEquals(mintable, p.minter().currentMintedTokens().send());
            BondingManager.TreasuryRewardEventResponse toTreasury =
                    BondingManager.getTreasuryRewardEvents(rewardReceipt).get(0);
            assertEquals(p.address(1), toTreasury.transcoder);
            assertEquals(p.addresses.treasury(), toTreasury.treasury);
            assertEquals(treasuryCut, toTreasury.amount);
            assertEquals(treasuryCut, p.token(0).balanceOf(p.addresses.treasury()).send());
            assertEquals(mintable.subtract(treasuryCut), reward);
            assertReverts(RevertReason.BONDING_REWARD_ALREADY_CALLED_FOR_THIS_ROUND, () -> p.bonding(1).reward().send());
            assertReverts(RevertReason.BONDING_CALLER_MUST_BE_AN_ACTIVE_TRANSCODER, () -> p.bonding(2).reward().send());

            BigInteger commission = reward.multiply(BigInteger.valueOf(100_000)).divide(MILLION);
            BigInteger delegatorsRewards = reward.subtract(commission);
            BigInteger crf = PRECISE.add(precisePercOf(PRECISE, delegatorsRewards, total));
            assertEquals(crf, p.bonding(0).getTranscoderEarningsPoolForRound(p.address(1), BigInteger.ONE).send().component4());

            BigInteger d2 = p.pendingStake(2);
            BigInteger d3 = p.pendingStake(3);
            BigInteger orchestrator = p.pendingStake(1);
            assertEquals(precisePercOf(lpt("2000"), crf, PRECISE), d2);
            assertEquals(precisePercOf(lpt("3000"), crf, PRECISE), d3);
            assertEquals(precisePercOf(lpt("1000"), crf, PRECISE).add(commission), orchestrator);
            // Against the plain pro-rata share, the fixed point loses at most a wei per holder.
            assertClose(lpt("2000").add(delegatorsRewards.multiply(BigInteger.TWO).divide(BigInteger.valueOf(6))), d2);
            assertClose(lpt("3000").add(delegatorsRewards.divide(BigInteger.TWO)), d3);
            assertClose(lpt("1000").add(commission).add(delegatorsRewards.divide(BigInteger.valueOf(6))), orchestrator);
            BigInteger delegated = p.transcoderTotalStake(1);
            assertEquals(total.add(reward), delegated);
            BigInteger dust = delegated.subtract(d2).subtract(d3).subtract(orchestrator);
            assertTrue(dust.signum() >= 0 && dust.compareTo(BigInteger.valueOf(3)) <= 0, "rounding dust " + dust);

            // Fees: a sender funds 1 ETH deposit + 1 ETH reserve; one winning 0.1 ETH ticket to the orchestrator.
            BigInteger eth = BigInteger.TEN.pow(18);
            p.broker(5).fundDepositAndReserve(eth, eth, eth.multiply(BigInteger.TWO)).send();
            BigInteger faceValue = eth.divide(BigInteger.TEN);
            TicketSigner.Signed t = TicketSigner.ticket(p, 1, p.credentials(5), faceValue, TicketSigner.ALWAYS_WINS, 1,
                    new BigInteger("123456789"));
            assertArrayEquals(t.hash(), p.broker(0).getTicketHash(t.ticket()).send());
            TransactionReceipt redeem = p.broker(1).redeemWinningTicket(t.ticket(), t.sig(), t.recipientRand()).send();
            assertEquals(faceValue, TicketBroker.getWinningTicketTransferEvents(redeem).get(0).amount);
            assertEquals(eth.subtract(faceValue), p.broker(0).getSenderInfo(p.address(5)).send().component1().deposit);
            assertReverts(RevertReason.TICKET_TICKET_IS_USED,
                    () -> p.broker(1).redeemWinningTicket(t.ticket(), t.sig(), t.recipientRand()).send());

            BigInteger delegatorsFees = faceValue.multiply(BigInteger.valueOf(600_000)).divide(MILLION);
            BigInteger commissionFees = faceValue.subtract(delegatorsFees);
            assertEquals(precisePercOf(lpt("2000"), delegatorsFees, total), p.pendingFees(2));
            assertEquals(precisePercOf(lpt("3000"), delegatorsFees, total), p.pendingFees(3));
            assertEquals(precisePercOf(lpt("1000"), delegatorsFees, total).add(commissionFees), p.pendingFees(1));
            assertEquals(eth.divide(BigInteger.valueOf(50)), p.pendingFees(2), "0.06 ETH * 2000/6000");
            assertEquals(eth.divide(BigInteger.valueOf(20)), p.pendingFees(1), "0.04 ETH commission + 0.01 ETH share");

            // Withdrawing moves real ETH out of the Minter to the chosen recipient.
            String recipient = p.address(9);
            BigInteger before = p.ethBalance(recipient);
            p.bonding(1).withdrawFees(recipient, p.pendingFees(1)).send();
            assertEquals(before.add(eth.divide(BigInteger.valueOf(20))), p.ethBalance(recipient));
            assertEquals(BigInteger.ZERO, p.pendingFees(1));
            assertReverts(RevertReason.BONDING_INSUFFICIENT_FEES_TO_WITHDRAW,
                    () -> p.bonding(1).withdrawFees(recipient, BigInteger.ONE).send());
        }
    }

    private static void assertClose(BigInteger expected, BigInteger actual) {
        assertTrue(expected.subtract(actual).abs().compareTo(BigInteger.ONE) <= 0,
                "expected " + expected + " +-1 wei, got " + actual);
    }
}
