package org.framegrid.payment.api;

import java.util.Objects;

/**
 * One refused part of a payment.
 *
 * @param reason the machine-readable reason
 * @param detail a one-line explanation naming what was wrong
 */
public record Rejection(RejectionReason reason, String detail) {
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
