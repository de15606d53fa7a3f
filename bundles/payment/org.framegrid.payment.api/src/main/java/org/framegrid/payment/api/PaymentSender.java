package org.framegrid.payment.api;

import java.math.BigInteger;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The gateway's side: turns an orchestrator's terms and the price of some work into a payment, and keeps the
 * sender's funds and the value at risk with each orchestrator within limits.
 */
@ProviderType
public interface PaymentSender {
    /** @return the scheme of the terms this sender can pay under, e.g. {@code "tickets"} */
    String scheme();

    /**
     * Pays for {@code units} units at {@code price} under the recipient's terms.
     *
     * @param recipient the orchestrator's address (for tickets: its 0x-prefixed Ethereum address)
     * @param terms what the orchestrator asked for; must be of this sender's scheme
     * @param price the orchestrator's price
     * @param units the units of work to pay for
     * @return the payment, worth at least {@code price.cost(units)}
     * @throws PaymentException if the terms are unusable (malformed, of another scheme, face value above this sender's
     *     limit) or the payment would take the value at risk with the recipient above its limit
     */
    Payment pay(String recipient, PaymentTerms terms, Price price, long units) throws PaymentException;

    /**
     * Tells the sender that work worth {@code value} was delivered by the recipient, which lowers the value at risk
     * with it.
     */
    void delivered(String recipient, BigInteger value);

    /**
     * Tells the sender that a session with the recipient ended (or never started) with {@code value} paid and not
     * delivered: that value is no longer at risk, it is spent. Without this, what failed sessions left undelivered
     * added up until every new session with the recipient was refused.
     *
     * @since 1.1
     */
    void released(String recipient, BigInteger value);

    /** @return the value paid to the recipient and not yet covered by delivered work, in wei */
    BigInteger valueAtRisk(String recipient);

    /** @return the sender's funds as last read */
    SenderFunds funds() throws PaymentException;

    /**
     * Adds to the sender's deposit and reserve (for tickets: one on-chain transaction).
     *
     * @param deposit wei to add to the deposit, may be 0
     * @param reserve wei to add to the reserve, may be 0
     */
    void fund(BigInteger deposit, BigInteger reserve) throws PaymentException;
}
