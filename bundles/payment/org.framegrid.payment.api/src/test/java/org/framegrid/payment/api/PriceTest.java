package org.framegrid.payment.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PriceTest {
    @Test
    void costRoundsUpToAWholeWei() {
        Price price = new Price(BigInteger.valueOf(10), 3); // 10 wei per 3 units
        assertEquals(BigInteger.ZERO, price.cost(0));
        assertEquals(BigInteger.valueOf(4), price.cost(1)); // 3.33 → 4
        assertEquals(BigInteger.valueOf(10), price.cost(3));
        assertEquals(BigInteger.valueOf(34), price.cost(10)); // 33.3 → 34
    }

    @Test
    void badPricesAreRefusedWithTheValue() {
        assertEquals("price: perUnits must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Price(BigInteger.ONE, 0)).getMessage());
        assertEquals("price: wei must not be negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> new Price(BigInteger.ONE.negate(), 1)).getMessage());
    }

    @Test
    void paymentRequiredCarriesTheShortfall() {
        PaymentRequiredException e = new PaymentRequiredException("s1", BigInteger.valueOf(100), BigInteger.valueOf(30));
        assertEquals(BigInteger.valueOf(70), e.shortfall());
        assertEquals("payment required for session s1: work costs 100 wei, balance is 30 wei, pay at least 70 wei more",
                e.getMessage());
    }
}
