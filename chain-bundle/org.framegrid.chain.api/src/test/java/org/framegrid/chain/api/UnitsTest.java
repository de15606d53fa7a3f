package org.framegrid.chain.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class UnitsTest {

    /** The seed's acceptance figures (protocol.md §0) as wei. */
    private static final BigInteger SUPPLY = new BigInteger("50948531720000000000000000");
    private static final BigInteger MINTABLE = new BigInteger("31568576378751240000000");

    @Test
    void formatsTheSeedFigures() {
        assertEquals("50,948,531.72", Units.formatTokens(SUPPLY, 2));
        assertEquals("31,568.58", Units.formatTokens(MINTABLE, 2));
        assertEquals("52.24%", Units.formatPercentPpb(522_367_286, 2));
        assertEquals("0.0620%", Units.formatPercentPpb(620_117, 4));
        assertEquals("0.00005%", Units.formatPercentPpb(500, 5));
        assertEquals("25.00%", Units.formatPercentPpm(250_000, 2));
    }

    @Test
    void parsesWhatItFormats() {
        assertEquals(SUPPLY, Units.parseTokens(Units.formatTokens(SUPPLY, 2)));
        assertEquals(new BigInteger("26613846270000000000000000"), Units.parseTokens("26613846.27"));
        assertEquals(BigInteger.ONE, Units.parseTokens("0.000000000000000001"));
        assertEquals(BigInteger.ZERO, Units.parseTokens("0"));
        assertEquals(125_000, Units.parsePercentPpm("12.5%"));
        assertEquals(1_000_000, Units.parsePercentPpm("100"));
    }

    @Test
    void badTextNamesItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parseTokens("12abc"));
        assertTrue(e.getMessage().contains("'12abc'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.parseTokens("-1"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseTokens("0.0000000000000000001"));
        assertThrows(IllegalArgumentException.class, () -> Units.parsePercentPpm("101"));
        assertThrows(IllegalArgumentException.class, () -> Units.parsePercentPpm("1.00001"));
    }

    @Test
    void theTreasuryCutIsAPercentageOfTenToThe27() {
        assertEquals(BigInteger.TEN.pow(26), Units.parsePercentPrecise("10%"));
        assertEquals(new BigInteger("333300000000000000000000000"), Units.parsePercentPrecise("33.33"));
        assertEquals(Units.PRECISE_ONE, Units.parsePercentPrecise("100"));
        assertEquals(500, Units.parsePercentPpb("0.00005%"));
        assertEquals(500_000_000, Units.parsePercentPpb("50"));
        assertEquals("10.00%", Units.formatPercentPrecise(BigInteger.TEN.pow(26), 2));
        assertEquals("0.00%", Units.formatPercentPrecise(BigInteger.ZERO, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parsePercentPrecise("1e-30"));
        assertEquals("'1e-30' has more than 25 decimals (the unit is 10^-25 %)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.parsePercentPrecise("100.1"));
    }

    @Test
    void roundsHalfUpAtTheShownPlace() {
        assertEquals("0.01", Units.formatTokens(new BigInteger("5000000000000000"), 2));
        assertEquals("0.00", Units.formatTokens(new BigInteger("4999999999999999"), 2));
    }
}
