package org.framegrid.payment.api;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A price: {@code wei} for every {@code perUnits} units of work (a rational price, as the reference node's price
 * per pixel).
 *
 * @param wei the amount, in wei, never negative
 * @param perUnits the number of units that amount buys, at least 1
 */
public record Price(BigInteger wei, long perUnits) {
    public Price {
        Objects.requireNonNull(wei, "wei");
        if (wei.signum() < 0) {
            throw new IllegalArgumentException("price: wei must not be negative, got " + wei);
        }
        if (perUnits < 1) {
            throw new IllegalArgumentException("price: perUnits must be at least 1, got " + perUnits);
        }
    }

    /** @return what {@code units} units cost, rounded up to a whole wei (a payer never underpays by rounding) */
    public BigInteger cost(long units) {
        if (units < 0) {
            throw new IllegalArgumentException("price: units must not be negative, got " + units);
        }
        BigInteger[] qr = wei.multiply(BigInteger.valueOf(units)).divideAndRemainder(BigInteger.valueOf(perUnits));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }
}
