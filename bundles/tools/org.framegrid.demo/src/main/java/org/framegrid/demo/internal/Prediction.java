package org.framegrid.demo.internal;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.framegrid.chain.api.TreasuryInfo;

/**
 * What the spec's formulas (shared/protocol.md §3-4, with Livepeer's treasury and rounding) say each account earns,
 * computed from a starting state without asking the contracts: at each new round the Minter steps the rate toward
 * the target by comparing {@code bonded / supply} and mints {@code supply × rate / 10⁹}, and the treasury's next cut
 * rate takes effect; an orchestrator that calls {@code reward()} mints {@code mintable × floor(active stake × 10⁹ /
 * total active stake) / 10⁹} (the share in billionths, as Livepeer's {@code MathUtils.percOf}), sends the treasury its
 * cut ({@code minted × rate / 10²⁷}; at the treasury's ceiling the next round's rate becomes zero), keeps
 * {@code rewardCut} of the rest and shares the remainder by stake (its own bond and its earlier commission count as
 * stake); fees keep {@code 1 − feeShare} for the orchestrator and share the rest by stake. The mint, the treasury's
 * part and the commission are whole wei as the contracts compute them; the shares by stake are exact fractions until
 * the end, then truncated, so the contracts' fixed-point factors may differ by a wei.
 */
final class Prediction {
    static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);
    static final BigInteger MILLION = BigInteger.valueOf(1_000_000L);
    static final BigInteger PRECISE_ONE = BigInteger.TEN.pow(27);

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
    private BigInteger treasuryCut;
    private BigInteger nextTreasuryCut;
    private final BigInteger treasuryCeiling;
    private BigInteger treasuryBalance;
    private BigInteger treasuryReward = BigInteger.ZERO;

    /** @param treasury the treasury's balance, cut rates and ceiling at the start */
    Prediction(List<Orchestrator> start, BigInteger supply, long inflation, long inflationChange, long target,
            TreasuryInfo treasury) {
        this.supply = supply;
        this.inflation = inflation;
        this.inflationChange = inflationChange;
        this.target = target;
        this.treasuryCut = treasury.rewardCutRate();
        this.nextTreasuryCut = treasury.nextRoundRewardCutRate();
        this.treasuryCeiling = treasury.balanceCeiling();
        this.treasuryBalance = treasury.balance();
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
        activeTotal = bonded;
        treasuryCut = nextTreasuryCut;
        return mintable;
    }

    private BigInteger mintable = BigInteger.ZERO;
    private BigInteger activeTotal = BigInteger.ZERO;

    /** {@code orchestrator} calls {@code reward()} in the current round (its stake is whole wei: bonds and rewards). */
    void reward(String orchestrator) {
        Orchestrator o = orchestrators.get(orchestrator);
        BigInteger billionths = activeTotal.signum() == 0 ? BigInteger.ZERO
                : total(orchestrator).floor().multiply(BILLION).divide(activeTotal);
        BigInteger minted = mintable.multiply(billionths).divide(BILLION);
        supply = supply.add(minted);
        if (treasuryCeiling.signum() > 0 && nextTreasuryCut.signum() > 0
                && treasuryBalance.compareTo(treasuryCeiling) >= 0) {
            nextTreasuryCut = BigInteger.ZERO; // this round's rate still applies
        }
        BigInteger toTreasury = minted.multiply(treasuryCut).divide(PRECISE_ONE);
        treasuryBalance = treasuryBalance.add(toTreasury);
        treasuryReward = treasuryReward.add(toTreasury);
        BigInteger rewards = minted.subtract(toTreasury);
        BigInteger commission = rewards.multiply(BigInteger.valueOf(o.rewardCut())).divide(MILLION);
        shareDelegators(o, Rational.of(rewards.subtract(commission)), reward, true);
        reward.merge(o.address(), Rational.of(commission), Rational::add);
        stake.get(o.address()).merge(o.address(), Rational.of(commission), Rational::add);
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

    /** @return what the treasury is predicted to have received so far, wei */
    BigInteger treasuryReward() {
        return treasuryReward;
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
