package org.framegrid.payment.api.ticket;

import java.util.Objects;

/**
 * A redemption failed; {@link #retry()} tells the worker whether and when trying again can help.
 */
public class RedemptionException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * When another attempt can succeed.
     *
     * @since 2.1
     */
    public enum Retry {
        /** Never: the ticket can never be redeemed (already used, expired, did not win, a bad signature). */
        NEVER,
        /** After a short wait: a transient failure (node unreachable, gas spike, transaction dropped). */
        SOON,
        /**
         * In a later round: the chain refuses it now (its simulation reverted) for a reason a new round can change,
         * e.g. the recipient has no active stake yet or the round is not initialised. Nothing is sent meanwhile; the
         * ticket is simulated again when a round starts, until it expires.
         */
        NEXT_ROUND
    }

    private final Retry retry;

    /** @param retryable {@link Retry#SOON} when true, {@link Retry#NEVER} when false */
    public RedemptionException(String message, boolean retryable, Throwable cause) {
        this(message, retryable ? Retry.SOON : Retry.NEVER, cause);
    }

    /** @since 2.1 */
    public RedemptionException(String message, Retry retry, Throwable cause) {
        super(message, cause);
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /**
     * @return true unless the ticket can never be redeemed (already redeemed, expired, sender has no funds left)
     */
    public boolean retryable() {
        return retry != Retry.NEVER;
    }

    /**
     * @return when trying again can help
     * @since 2.1
     */
    public Retry retry() {
        return retry;
    }
}
