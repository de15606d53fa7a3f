package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.framegrid.payment.api.Rejection;
import org.framegrid.payment.api.RejectionReason;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.WinningTicket;

/**
 * What each sender can still back (go-livepeer's SenderMonitor): its deposit and this recipient's reserve allocation,
 * less the face value of its winners not yet redeemed, which no longer back new tickets (the max float). Senders are
 * normalised addresses. Thread-safe.
 */
final class SenderMonitor {
    private final ChainCache chain;
    /** Face value of each sender's winners not yet redeemed. */
    private final Map<String, BigInteger> pendingFaceValue = new ConcurrentHashMap<>();

    SenderMonitor(ChainCache chain) {
        this.chain = chain;
    }

    /** @return {@code sender}'s max float, from a read of its funds at most the cache's age (for issuing parameters) */
    BigInteger maxFloat(String sender) {
        return maxFloat(sender, chain.sender(sender, false));
    }

    private BigInteger maxFloat(String sender, SenderState funds) {
        return funds.deposit().add(funds.reserveAllocation()).subtract(pending(sender));
    }

    private BigInteger pending(String sender) {
        return pendingFaceValue.getOrDefault(sender, BigInteger.ZERO);
    }

    /**
     * @param round the round the tickets are checked in
     * @return why {@code sender}'s funds cannot back tickets of {@code faceValue}, or {@code null} when they can
     */
    Rejection check(String sender, BigInteger faceValue, long round) {
        SenderState funds;
        try {
            funds = chain.sender(sender, false);
        } catch (IllegalStateException chainDown) {
            return new Rejection(RejectionReason.UNAVAILABLE, chainDown.getMessage());
        }
        if (funds.withdrawRound() != 0 && funds.withdrawRound() <= round + 1) {
            return new Rejection(RejectionReason.UNDERFUNDED_SENDER, "sender " + sender
                    + " is unlocking its funds (withdraw round " + funds.withdrawRound() + ")");
        }
        BigInteger maxFloat = maxFloat(sender, funds);
        if (funds.deposit().signum() == 0 && funds.reserveAllocation().signum() == 0 || maxFloat.signum() <= 0) {
            return new Rejection(RejectionReason.UNDERFUNDED_SENDER, "sender " + sender + " has deposit "
                    + funds.deposit() + " wei, reserve allocation " + funds.reserveAllocation() + " wei, "
                    + pending(sender) + " wei pending: nothing backs tickets");
        }
        if (faceValue.compareTo(maxFloat) > 0) {
            return new Rejection(RejectionReason.FACE_VALUE_TOO_HIGH, "face value " + faceValue
                    + " wei is above sender " + sender + "'s max float " + maxFloat + " wei");
        }
        return null;
    }

    /** A winner of {@code sender} is stored: its face value waits for redemption. */
    void won(String sender, BigInteger faceValue) {
        pendingFaceValue.merge(sender, faceValue, BigInteger::add);
    }

    /** A winner of {@code sender} is redeemed or dropped: its face value backs new tickets again. */
    void settled(String sender, BigInteger faceValue) {
        String key = Bytes.normalize(sender);
        pendingFaceValue.computeIfPresent(key, (k, v) -> {
            BigInteger left = v.subtract(faceValue);
            return left.signum() <= 0 ? null : left;
        });
        chain.forget(key);
    }

    /** Counts a winner found in the store at start as pending against its sender. */
    void restorePending(WinningTicket winner) {
        won(Bytes.normalize(winner.ticket().sender()), winner.ticket().faceValue());
    }
}
