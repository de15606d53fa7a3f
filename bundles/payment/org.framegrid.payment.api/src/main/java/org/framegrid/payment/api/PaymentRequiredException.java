package org.framegrid.payment.api;

import java.math.BigInteger;

/**
 * The session's balance does not cover the work asked for: the orchestrator stops the work and tells the sender how
 * much more it must pay.
 */
public class PaymentRequiredException extends PaymentException {
    private static final long serialVersionUID = 1L;
    private final BigInteger required;
    private final BigInteger balance;

    /**
     * @param session the session id
     * @param required what the work costs, in wei
     * @param balance what the session holds, in wei
     */
    public PaymentRequiredException(String session, BigInteger required, BigInteger balance) {
        super("payment required for session " + session + ": work costs " + required + " wei, balance is " + balance
                + " wei, pay at least " + required.subtract(balance) + " wei more");
        this.required = required;
        this.balance = balance;
    }

    /** @return the cost of the refused work, in wei */
    public BigInteger required() {
        return required;
    }

    /** @return the session's balance when the work was refused, in wei */
    public BigInteger balance() {
        return balance;
    }

    /** @return the least amount the sender must still pay for the refused work, in wei */
    public BigInteger shortfall() {
        return required.subtract(balance);
    }
}
