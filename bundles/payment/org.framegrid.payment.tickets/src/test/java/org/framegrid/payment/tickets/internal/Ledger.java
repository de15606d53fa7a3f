package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.testing.Await;

/**
 * The books of one sender and one orchestrator, read from the chain and from the orchestrator's store: the sender's
 * funds, what the broker paid the orchestrator for winning tickets, the fees credited to it, and the winners it
 * acknowledged, redeemed or still holds. {@link #check()} is the identity that must hold whenever no redemption is
 * half done: every winner acknowledged is either paid on chain or still pending, to the wei.
 */
final class Ledger {
    private final ReceiverNode node;
    private final TicketChain chain;
    private final Callable<BigInteger> fees;
    private final String sender;
    private final String recipient;
    private final BigInteger feesAtStart;

    Ledger(ReceiverNode node, TicketChain chain, Callable<BigInteger> fees, String sender, String recipient)
            throws Exception {
        this.node = node;
        this.chain = chain;
        this.fees = fees;
        this.sender = sender;
        this.recipient = recipient;
        this.feesAtStart = fees.call();
    }

    void won(Receipt receipt) {
        assertTrue(receipt.accepted(), receipt.toString());
    }

    /** Waits until the store holds no winner, then checks the identity. */
    void awaitRedeemed() {
        Await.until("every winner redeemed", 60_000, () -> node.pending().isEmpty(),
                () -> node.pending().size() + " pending");
        check();
    }

    /** Acknowledged = paid on chain + pending in the store, and the sender's funds fell by what was paid. */
    void check() {
        BigInteger pending = node.pending().values().stream().map(w -> w.ticket().faceValue())
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertEquals(faceValues(), paidOnChain().add(pending), "acknowledged = paid on chain + pending, to the wei");
        assertEquals(paidOnChain(), recordedAsRedeemed(), "the store records every payment the chain made, once");
    }

    /** @return the face values of every winner the orchestrator acknowledged */
    BigInteger faceValues() {
        return node.acknowledged().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** @return the sender's deposit and reserve now */
    BigInteger funds() {
        var state = chain.sender(sender, recipient);
        return state.deposit().add(state.reserve());
    }

    /** @return what the broker paid the recipient for winning tickets (its WinningTicketTransfer events) */
    BigInteger paidOnChain() {
        return chain.redeemed(recipient).paid();
    }

    BigInteger feesCredited() throws Exception {
        return fees.call().subtract(feesAtStart);
    }

    /** @return the face values of the winners the store records as redeemed, each by its own transaction */
    BigInteger recordedAsRedeemed() {
        BigInteger total = BigInteger.ZERO;
        Set<String> transactions = new HashSet<>();
        for (var entry : node.acknowledged().entrySet()) {
            String outcome = node.outcome(entry.getKey());
            if (outcome != null && outcome.startsWith("redeemed 0x")) {
                assertTrue(transactions.add(outcome), "one transaction per winner: " + outcome);
                total = total.add(entry.getValue());
            }
        }
        return total;
    }
}
