package org.framegrid.demo.internal;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the spec's formulas (shared/protocol.md §3-4) say each account earns, computed from a starting state without
 * asking the contracts: at each new round the Minter steps the rate toward the target by comparing
 * {@code bonded / supply} and mints {@code supply × rate / 10⁹}; an orchestrator that calls {@code reward()} mints
 * {@code mintable × its active stake / total active stake}, keeps {@code rewardCut} of it and shares the rest by stake
 * (its own bond and its earlier commission count as stake); fees keep {@code 1 − feeShare} for the orchestrator and
 * share the rest by stake. Amounts are exact fractions until the end, then truncated to wei, so the contracts'
 * fixed-point truncation may differ by a few wei.
 */
final class Prediction {
    static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);
    static final BigInteger MILLION = BigInteger.valueOf(1_000_000L);

    /** An orchestrator as the prediction starts: its terms and who holds its stake (its own address included). */
    record Orchestrator(String address, long rewardCut, long feeShare, Map<String, BigInteger> stakes) {
    }

    private final Map<String, Orchestrator> orchestrators = new LinkedHashMap<>();
    /** Per orchestrator, per holder (the orchestrator's own address holds its bond and its commission). */
    private final Map<String, Map<String, Rational>> stake = new LinkedHashMap<>();
    private final Map<String, Rational> reward = new LinkedHashMap<>();
    private final Map<String, Rational> fees = new LinkedHashMap<>();
    private BigInteger supply;
    private long inflation;
    private final long inflationChange;
    private final long target;

    Prediction(List<Orchestrator> start, BigInteger supply, long inflation, long inflationChange, long target) {
        this.supply = supply;
        this.inflation = inflation;
        this.inflationChange = inflationChange;
        this.target = target;
        for (Orchestrator o : start) {
            orchestrators.put(o.address(), o);
            Map<String, Rational> holders = new LinkedHashMap<>();
            o.stakes().forEach((who, amount) -> {
                holders.put(who, Rational.of(amount));
                reward.put(who, Rational.ZERO);
                fees.put(who, Rational.ZERO);
            });
            stake.put(o.address(), holders);
        }
    }

    private Rational total(String orchestrator) {
        return stake.get(orchestrator).values().stream().reduce(Rational.ZERO, Rational::add);
    }

    /** @return what the round now starting mints in total ({@code currentMintableTokens}), wei */
    BigInteger newRound() {
        BigInteger bonded = orchestrators.keySet().stream().map(this::total).reduce(Rational.ZERO, Rational::add)
                .floor();
        long rate = supply.signum() == 0 ? 0 : bonded.multiply(BILLION).divide(supply).longValueExact();
        if (rate < target) {
            inflation += inflationChange;
        } else if (rate > target) {
            inflation = Math.max(0, inflation - inflationChange);
        }
        mintable = supply.multiply(BigInteger.valueOf(inflation)).divide(BILLION);
        activeTotal = Rational.of(bonded);
        return mintable;
    }

    private BigInteger mintable = BigInteger.ZERO;
    private Rational activeTotal = Rational.ZERO;

    /** {@code orchestrator} calls {@code reward()} in the current round. */
    void reward(String orchestrator) {
        Orchestrator o = orchestrators.get(orchestrator);
        Rational minted = Rational.of(mintable).multiply(total(orchestrator)).divide(activeTotal);
        BigInteger mintedWei = minted.floor();
        supply = supply.add(mintedWei);
        share(o, Rational.of(mintedWei), o.rewardCut(), reward, true);
    }

    /** {@code orchestrator}'s winning tickets paid {@code amount} wei in the current round. */
    void fees(String orchestrator, BigInteger amount) {
        Orchestrator o = orchestrators.get(orchestrator);
        Rational delegators = Rational.of(amount).multiply(Rational.of(BigInteger.valueOf(o.feeShare())))
                .divide(Rational.of(MILLION));
        Rational commission = Rational.of(amount).subtract(delegators);
        shareDelegators(o, delegators, fees, false);
        fees.merge(o.address(), commission, Rational::add);
    }

    private void share(Orchestrator o, Rational amount, long cut, Map<String, Rational> into, boolean restake) {
        Rational commission = amount.multiply(Rational.of(BigInteger.valueOf(cut))).divide(Rational.of(MILLION));
        shareDelegators(o, amount.subtract(commission), into, restake);
        into.merge(o.address(), commission, Rational::add);
        if (restake) {
            stake.get(o.address()).merge(o.address(), commission, Rational::add);
        }
    }

    private void shareDelegators(Orchestrator o, Rational amount, Map<String, Rational> into, boolean restake) {
        Map<String, Rational> holders = stake.get(o.address());
        Rational total = total(o.address());
        Map<String, Rational> parts = new LinkedHashMap<>();
        holders.forEach((who, s) -> parts.put(who, amount.multiply(s).divide(total)));
        parts.forEach((who, part) -> {
            into.merge(who, part, Rational::add);
            if (restake) {
                holders.merge(who, part, Rational::add);
            }
        });
    }

    Set<String> accounts() {
        return reward.keySet();
    }

    /** @return the reward predicted for {@code account} so far, wei */
    BigInteger rewardOf(String account) {
        return reward.get(account).floor();
    }

    /** @return the fees predicted for {@code account} so far, wei */
    BigInteger feesOf(String account) {
        return fees.get(account).floor();
    }

    /** A non-negative fraction of big integers (enough for sums and pro-rata shares). */
    record Rational(BigInteger num, BigInteger den) {
        static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);

        static Rational of(BigInteger v) {
            return new Rational(v, BigInteger.ONE);
        }

        Rational add(Rational o) {
            return norm(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
        }

        Rational subtract(Rational o) {
            return norm(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den));
        }

        Rational multiply(Rational o) {
            return norm(num.multiply(o.num), den.multiply(o.den));
        }

        Rational divide(Rational o) {
            return o.num.signum() == 0 ? ZERO : norm(num.multiply(o.den), den.multiply(o.num));
        }

        BigInteger floor() {
            return num.divide(den);
        }

        private static Rational norm(BigInteger n, BigInteger d) {
            BigInteger g = n.gcd(d);
            return g.signum() == 0 || g.equals(BigInteger.ONE) ? new Rational(n, d) : new Rational(n.divide(g), d.divide(g));
        }
    }
}
