package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.framegrid.payment.api.ticket.RedemptionException;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;

/**
 * A redeemer that checks each ticket as the broker would (signature recovers to the sender, the ticket wins) and
 * adds up face values, failing the first {@code failures} calls with a retryable error. The on-chain redeemer is
 * tested against anvil separately.
 */
final class RecordingRedeemer implements TicketRedeemer {
    final AtomicReference<BigInteger> redeemed = new AtomicReference<>(BigInteger.ZERO);
    final AtomicInteger count = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    private final int failures;
    private final Secp256k1 ec = Secp256k1Provider.best();

    RecordingRedeemer(int failures) {
        this.failures = failures;
    }

    @Override
    public String redeem(WinningTicket winner) throws RedemptionException {
        if (calls.incrementAndGet() <= failures) {
            throw new RedemptionException("node unreachable (test)", true, null);
        }
        byte[] digest = TicketRules.ethSignedMessageHash(TicketRules.hash(winner.ticket()));
        byte[] signer = ec.recoverAddress(digest, winner.signature());
        if (signer == null || !Bytes.hex(signer).equals(Bytes.normalize(winner.ticket().sender()))) {
            throw new RedemptionException("invalid signature", false, null);
        }
        if (!TicketRules.wins(winner.signature(), winner.recipientRand(), winner.ticket().winProb())) {
            throw new RedemptionException("ticket did not win", false, null);
        }
        redeemed.accumulateAndGet(winner.ticket().faceValue(), BigInteger::add);
        count.incrementAndGet();
        return "0x" + Integer.toHexString(count.get());
    }
}
