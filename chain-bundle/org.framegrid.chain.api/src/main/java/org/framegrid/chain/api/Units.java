package org.framegrid.chain.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Amounts and rates as people read and write them. LPT and ETH both have 18 decimals, so one set of functions serves
 * both. Pure functions, thread-safe.
 */
public final class Units {

    /** Wei per LPT (and per ETH). */
    public static final BigInteger WEI_PER_TOKEN = BigInteger.TEN.pow(18);
    /** The Minter's rate unit: parts per 10⁹. */
    public static final long PARTS_PER_BILLION = 1_000_000_000L;
    /** The rewardCut / feeShare unit: parts per 10⁶. */
    public static final long PARTS_PER_MILLION = 1_000_000L;
    /**
     * The BondingManager's precise unit (the treasury reward cut rate): 100 % is 10²⁷.
     *
     * @since 2.1
     */
    public static final BigInteger PRECISE_ONE = BigInteger.TEN.pow(27);

    private Units() {
    }

    /**
     * @return {@code wei} in tokens with thousands separators, rounded half-up to {@code decimals} places, e.g.
     *         {@code 50,948,531.72}
     */
    public static String formatTokens(BigInteger wei, int decimals) {
        BigDecimal tokens = new BigDecimal(wei, 18).setScale(decimals, RoundingMode.HALF_UP);
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(tokens);
    }

    /**
     * Parses a token amount such as {@code 1000}, {@code 26613846.27} or {@code 1,000.5} into wei.
     *
     * @throws IllegalArgumentException naming the text when it is not a non-negative number with at most 18 decimals
     */
    public static BigInteger parseTokens(String text) {
        String plain = text == null ? "" : text.strip().replace(",", "").replace("_", "");
        BigDecimal tokens;
        try {
            tokens = new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an amount (expected e.g. 1000 or 12.5)");
        }
        if (tokens.signum() < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative; amounts are 0 or more");
        }
        BigDecimal wei = tokens.movePointRight(18);
        if (wei.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' has more than 18 decimals");
        }
        return wei.toBigIntegerExact();
    }

    /**
     * @return a rate in parts per 10⁹ as a percentage with {@code decimals} places (half-up), e.g. 522,367,286 with 2
     *         places is {@code 52.24%} and 620,117 with 4 places is {@code 0.0620%}
     */
    public static String formatPercentPpb(long partsPerBillion, int decimals) {
        return percent(BigDecimal.valueOf(partsPerBillion).movePointLeft(7), decimals);
    }

    /** @return a share in parts per 10⁶ (rewardCut, feeShare) as a percentage, e.g. 250,000 is {@code 25.00%} */
    public static String formatPercentPpm(long partsPerMillion, int decimals) {
        return percent(BigDecimal.valueOf(partsPerMillion).movePointLeft(4), decimals);
    }

    /**
     * @return a rate in parts per 10²⁷ (the treasury cut) as a percentage, e.g. 10²⁶ with 2 places is {@code 10.00%}
     * @since 2.1
     */
    public static String formatPercentPrecise(BigInteger partsPerPreciseOne, int decimals) {
        return percent(new BigDecimal(partsPerPreciseOne, 25), decimals);
    }

    /**
     * Parses a percentage such as {@code 25}, {@code 25%} or {@code 12.5} into parts per 10⁶.
     *
     * @throws IllegalArgumentException naming the text when it is not between 0 and 100 with at most 4 decimals
     */
    public static long parsePercentPpm(String text) {
        return parsePercent(text, 4, "0.0001%").longValueExact();
    }

    /**
     * Parses a percentage such as {@code 50} or {@code 0.00005%} into parts per 10⁹ (the Minter's rates).
     *
     * @throws IllegalArgumentException naming the text when it is not between 0 and 100 with at most 7 decimals
     * @since 2.1
     */
    public static long parsePercentPpb(String text) {
        return parsePercent(text, 7, "0.0000001%").longValueExact();
    }

    /**
     * Parses a percentage such as {@code 20} or {@code 12.5%} into parts per 10²⁷ (the treasury cut's unit).
     *
     * @throws IllegalArgumentException naming the text when it is not between 0 and 100 with at most 25 decimals
     * @since 2.1
     */
    public static BigInteger parsePercentPrecise(String text) {
        return parsePercent(text, 25, "10^-25 %").toBigIntegerExact();
    }

    /** {@code text} as a percentage, in units of 10^-{@code places} %. */
    private static BigDecimal parsePercent(String text, int places, String unit) {
        String plain = text == null ? "" : text.strip();
        plain = plain.endsWith("%") ? plain.substring(0, plain.length() - 1).strip() : plain;
        BigDecimal percent;
        try {
            percent = new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage (expected e.g. 25 or 12.5%)");
        }
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is not between 0% and 100%");
        }
        BigDecimal units = percent.movePointRight(places);
        if (units.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' has more than " + places + " decimals (the unit is "
                    + unit + ")");
        }
        return units;
    }

    private static String percent(BigDecimal value, int decimals) {
        return value.setScale(decimals, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
