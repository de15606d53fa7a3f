package org.framegrid.payment.api;

import java.math.BigInteger;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The orchestrator's side: issues terms to senders, checks their payments, and keeps a balance per session that
 * work is debited from.
 *
 * <p>Implementations are thread-safe. A session's balance lives in the receiver that credited it; a consumer routes
 * all of a session's calls to the receiver of the session's scheme.
 */
@ProviderType
public interface PaymentReceiver {
    /** Service property naming the scheme of a {@link PaymentReceiver} or {@link PaymentSender} service. */
    String SCHEME = "framegrid.payment.scheme";

    /** @return the scheme of the terms and payments this receiver handles, e.g. {@code "tickets"} */
    String scheme();

    /**
     * @param sender the sender's address (for tickets: its 0x-prefixed Ethereum address)
     * @return fresh terms for that sender
     * @throws PaymentException if terms cannot be issued now (e.g. the chain is unreachable)
     */
    PaymentTerms terms(String sender) throws PaymentException;

    /**
     * Checks a payment and credits what it is worth to the session. Never throws for a bad payment: bad parts are
     * listed in the receipt and credit nothing.
     *
     * @param session the session the payment is for
     * @param payment the bytes of {@link Payment#data()} as received
     * @return what was credited and refused
     */
    Receipt receive(String session, byte[] payment);

    /** @return the session's balance in wei (0 for an unknown session) */
    BigInteger balance(String session);

    /**
     * Debits the cost of work from the session's balance, or nothing at all.
     *
     * @throws PaymentRequiredException if the balance does not cover {@code price.cost(units)}
     */
    void debit(String session, Price price, long units) throws PaymentRequiredException;

    /** Forgets the session and its remaining balance. */
    void endSession(String session);
}
