package org.framegrid.payment.api;

/** A payment could not be made or checked; the message says what and where. */
public class PaymentException extends Exception {
    private static final long serialVersionUID = 1L;

    public PaymentException(String message) {
        super(message);
    }

    public PaymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
