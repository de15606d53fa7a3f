package org.framegrid.payment.api.ticket;

/** A redemption failed; {@link #retryable()} tells the worker whether trying again later can help. */
public class RedemptionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public RedemptionException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * @return true for transient failures (node unreachable, gas spike, transaction dropped), false when the ticket
     *     can never be redeemed (already redeemed, expired, sender has no funds left)
     */
    public boolean retryable() {
        return retryable;
    }
}
