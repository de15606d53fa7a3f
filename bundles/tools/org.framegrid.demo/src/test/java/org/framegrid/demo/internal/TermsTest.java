package org.framegrid.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The tools' ticket terms: the face value is about {@code winOneIn} × EV, a whole multiple (≥ 1) of the gas cost. */
class TermsTest {
    private static final BigInteger PRICE = new BigInteger("500000000000000");
    private static final BigInteger EV = new BigInteger("100000000000000"); // 0.0001 ETH

    @Test
    void theFaceValueIsAboutWinOneInTimesTheEvInWholeGasCosts() {
        // 1 gwei × 350,000 gas = 0.00035 ETH; 10 × EV = 0.001 ETH: 2 whole gas costs
        RoleFiles.Terms terms = RoleFiles.Terms.winningOneIn(10, PRICE, EV, 350_000, BigInteger.valueOf(1_000_000_000));
        assertEquals(new RoleFiles.Terms(PRICE, EV, 2, 350_000), terms);
        assertEquals(28, RoleFiles.Terms.winningOneIn(100, PRICE, EV, 350_000, BigInteger.valueOf(1_000_000_000))
                .faceValueMultiplier());
    }

    @Test
    void atLeastOneGasCostAndAFreeGasPriceCountsAsOneWei() {
        assertEquals(1, RoleFiles.Terms.winningOneIn(10, PRICE, EV, 350_000, BigInteger.TEN.pow(12))
                .faceValueMultiplier());
        assertEquals(EV.multiply(BigInteger.TEN).longValueExact(), RoleFiles.Terms.winningOneIn(10, PRICE, EV, 350_000,
                BigInteger.ZERO).faceValueMultiplier());
    }
}
