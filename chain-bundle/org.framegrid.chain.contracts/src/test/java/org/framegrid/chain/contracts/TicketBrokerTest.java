package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.framegrid.chain.contracts.Reverts.assertReverts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.framegrid.chain.contracts.generated.TicketBroker;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * Deposits, reserve, unlock/withdraw, and every redemption check of protocol.md §5. (That the node's Java ticket hash
 * equals the contract's is checked where that hash lives: payment.tickets' TicketBrokerAnvilTest.)
 */
class TicketBrokerTest {

    private static final BigInteger ETH = BigInteger.TEN.pow(18);

    @Test
    void redemptionChecksPaymentFromDepositThenReserveAndWithdrawal() throws Exception {
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100))) {
            p.registerOrchestrator(1, lpt("1000"), 0, 1_000_000);
            p.registerOrchestrator(2, lpt("1000"), 0, 1_000_000);
            p.nextRound();
            Credentials sender = p.credentials(5);
            BigInteger rand = new BigInteger("987654321");
            TicketBroker asRecipient = p.broker(1);

            assertReverts(RevertReason.TICKET_VALUE_IS_NOT_DEPOSIT_PLUS_RESERVE,
                    () -> p.broker(5).fundDepositAndReserve(ETH, ETH, ETH).send());
            p.broker(5).fundDeposit(ETH.divide(BigInteger.TEN)).send();   // 0.1 ETH deposit
            p.broker(5).fundReserve(ETH).send();                          // 1 ETH reserve, 2 active orchestrators

            TicketSigner.Signed good = TicketSigner.ticket(p, 1, sender, ETH.divide(BigInteger.valueOf(4)), TicketSigner.ALWAYS_WINS,
                    1, rand);
            // Each check of the spec, one at a time.
            assertReverts(RevertReason.TICKET_RECIPIENTRAND_DOES_NOT_MATCH_RECIPIENTRANDHASH,
                    () -> asRecipient.redeemWinningTicket(good.ticket(), good.sig(), rand.add(BigInteger.ONE)).send());
            byte[] badSig = good.sig().clone();
            badSig[10] ^= 1;
            assertReverts(RevertReason.TICKET_INVALID_SIGNATURE_OVER_TICKET_HASH,
                    () -> asRecipient.redeemWinningTicket(good.ticket(), badSig, rand).send());
            // v is 27 or 28 only, as OpenZeppelin's ECDSA (the real TicketBroker's) takes it: 0 or 1 used to be accepted.
            byte[] lowV = good.sig().clone();
            lowV[64] -= 27;
            assertReverts(RevertReason.TICKET_INVALID_SIGNATURE_OVER_TICKET_HASH,
                    () -> asRecipient.redeemWinningTicket(good.ticket(), lowV, rand).send());
            TicketSigner.Signed otherSigner = new TicketSigner.Signed(good.ticket(), good.hash(),
                    TicketSigner.sign(good.hash(), p.credentials(6)), rand);
            assertReverts(RevertReason.TICKET_INVALID_SIGNATURE_OVER_TICKET_HASH,
                    () -> asRecipient.redeemWinningTicket(otherSigner.ticket(), otherSigner.sig(), rand).send());
            TicketSigner.Signed loser = TicketSigner.ticket(p, 1, sender, ETH, BigInteger.ZERO, 2, rand);
            assertFalse(TicketSigner.isWinning(loser.sig(), rand, BigInteger.ZERO));
            assertReverts(RevertReason.TICKET_TICKET_DID_NOT_WIN,
                    () -> asRecipient.redeemWinningTicket(loser.ticket(), loser.sig(), rand).send());
            byte[] wrongHash = TicketSigner.auxData(1, new byte[32]);
            TicketSigner.Signed badAux = TicketSigner.ticket(p, p.address(1), sender, ETH, TicketSigner.ALWAYS_WINS, 3, rand, wrongHash);
            assertReverts(RevertReason.TICKET_TICKET_CREATION_ROUND_BLOCK_HASH_INVALID,
                    () -> asRecipient.redeemWinningTicket(badAux.ticket(), badAux.sig(), rand).send());
            TicketSigner.Signed future = TicketSigner.ticket(p, p.address(1), sender, ETH, TicketSigner.ALWAYS_WINS, 4, rand,
                    TicketSigner.auxData(99, new byte[32]));
            assertReverts(RevertReason.TICKET_TICKET_CREATION_ROUND_HAS_NO_BLOCK_HASH,
                    () -> asRecipient.redeemWinningTicket(future.ticket(), future.sig(), rand).send());
            TicketSigner.Signed shortAux = TicketSigner.ticket(p, p.address(1), sender, ETH, TicketSigner.ALWAYS_WINS, 5, rand, new byte[32]);
            assertReverts(RevertReason.TICKET_TICKET_AUXDATA_MUST_BE_64_BYTES,
                    () -> asRecipient.redeemWinningTicket(shortAux.ticket(), shortAux.sig(), rand).send());

            // 0.25 ETH face value against a 0.1 ETH deposit: 0.1 from the deposit + 0.15 from this orchestrator's
            // reserve allocation (1 ETH / 2 active orchestrators = 0.5 ETH).
            assertTrue(TicketSigner.isWinning(good.sig(), rand, TicketSigner.ALWAYS_WINS));
            asRecipient.redeemWinningTicket(good.ticket(), good.sig(), rand).send();
            TicketBroker.Sender info = p.broker(0).getSenderInfo(sender.getAddress()).send().component1();
            TicketBroker.ReserveInfo reserve = p.broker(0).getSenderInfo(sender.getAddress()).send().component2();
            assertEquals(BigInteger.ZERO, info.deposit);
            assertEquals(ETH.subtract(new BigInteger("150000000000000000")), reserve.fundsRemaining);
            assertEquals(new BigInteger("150000000000000000"), reserve.claimedInCurrentRound);
            assertEquals(ETH.divide(BigInteger.valueOf(4)), p.pendingFees(1), "feeShare 100%: all to its delegators, i.e. itself");

            // The allocation caps what one orchestrator gets from the reserve this round: 0.5 - 0.15 = 0.35 ETH left.
            TicketSigner.Signed big = TicketSigner.ticket(p, 1, sender, ETH, TicketSigner.ALWAYS_WINS, 6, rand);
            asRecipient.redeemWinningTicket(big.ticket(), big.sig(), rand).send();
            assertEquals(new BigInteger("600000000000000000"), p.pendingFees(1));
            assertEquals(ETH.divide(BigInteger.TWO), p.broker(0).claimedReserve(sender.getAddress(), p.address(1)).send());

            // Expired after ticketValidityPeriod (2) rounds.
            TicketSigner.Signed old = TicketSigner.ticket(p, 2, sender, ETH, TicketSigner.ALWAYS_WINS, 7, rand);
            p.advanceRounds(2);
            assertReverts(RevertReason.TICKET_TICKET_IS_EXPIRED,
                    () -> p.broker(2).redeemWinningTicket(old.ticket(), old.sig(), rand).send());

            // Unlock, refused withdrawal while locked, withdrawal after unlockPeriod (2) rounds.
            assertReverts(RevertReason.TICKET_NO_UNLOCK_REQUEST_IN_PROGRESS, () -> p.broker(5).withdraw().send());
            p.broker(5).unlock().send();
            assertReverts(RevertReason.TICKET_UNLOCK_ALREADY_INITIATED, () -> p.broker(5).unlock().send());
            p.broker(5).cancelUnlock().send();
            assertFalse(p.broker(0).isUnlockInProgress(sender.getAddress()).send());
            p.broker(5).unlock().send();
            assertReverts(RevertReason.TICKET_ACCOUNT_IS_LOCKED, () -> p.broker(5).withdraw().send());
            p.advanceRounds(2);
            BigInteger before = p.ethBalance(sender.getAddress());
            var receipt = p.broker(5).withdraw().send();
            TicketBroker.WithdrawalEventResponse w = TicketBroker.getWithdrawalEvents(receipt).get(0);
            assertEquals(BigInteger.ZERO, w.deposit);
            assertEquals(ETH.divide(BigInteger.TWO), w.reserve);
            BigInteger gas = receipt.getGasUsed().multiply(new BigInteger(receipt.getEffectiveGasPrice().substring(2), 16));
            assertEquals(before.add(ETH.divide(BigInteger.TWO)).subtract(gas), p.ethBalance(sender.getAddress()));
        }
    }
}
