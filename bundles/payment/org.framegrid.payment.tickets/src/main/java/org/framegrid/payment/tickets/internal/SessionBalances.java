package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.framegrid.payment.api.PaymentRequiredException;
import org.framegrid.payment.api.Price;

/** Each session's balance of credited expected value, in wei, debited per unit of work. Thread-safe. */
final class SessionBalances {
    private final Map<String, BigInteger> balances = new ConcurrentHashMap<>();

    /** @return the session's balance after adding {@code wei} */
    BigInteger credit(String session, BigInteger wei) {
        return balances.merge(session, wei, BigInteger::add);
    }

    BigInteger balance(String session) {
        return balances.getOrDefault(session, BigInteger.ZERO);
    }

    /** Debits the cost of the work, or nothing at all. */
    void debit(String session, Price price, long units) throws PaymentRequiredException {
        BigInteger cost = price.cost(units);
        BigInteger[] refused = new BigInteger[1];
        balances.compute(session, (k, balance) -> {
            BigInteger have = balance == null ? BigInteger.ZERO : balance;
            if (have.compareTo(cost) < 0) {
                refused[0] = have;
                return balance;
            }
            return have.subtract(cost);
        });
        if (refused[0] != null) {
            throw new PaymentRequiredException(session, cost, refused[0]);
        }
    }

    void end(String session) {
        balances.remove(session);
    }

    /** @return every session's balance, to save on a clean stop */
    Map<String, BigInteger> snapshot() {
        return Map.copyOf(balances);
    }

    /** Credits balances saved by a previous instance. */
    void restore(Map<String, BigInteger> saved) {
        saved.forEach(this::credit);
    }
}
