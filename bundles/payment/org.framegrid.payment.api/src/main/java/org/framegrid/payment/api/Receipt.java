package org.framegrid.payment.api;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link PaymentReceiver#receive}: what was credited, the session's balance afterwards, and what was
 * refused. A payment may be partly accepted (e.g. some tickets of a batch); refused parts credit nothing.
 *
 * @param credited wei credited to the session by this payment
 * @param balance the session's balance after crediting, in wei
 * @param rejections the refused parts, empty when everything was accepted
 */
public record Receipt(BigInteger credited, BigInteger balance, List<Rejection> rejections) {
    public Receipt {
        Objects.requireNonNull(credited, "credited");
        Objects.requireNonNull(balance, "balance");
        rejections = List.copyOf(rejections);
    }

    /** @return true when no part was refused */
    public boolean accepted() {
        return rejections.isEmpty();
    }
}
