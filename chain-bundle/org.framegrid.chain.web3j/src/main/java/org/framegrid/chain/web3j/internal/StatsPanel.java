package org.framegrid.chain.web3j.internal;

import java.util.Locale;

import org.framegrid.chain.api.NetworkStats;
import org.framegrid.chain.api.TreasuryInfo;
import org.framegrid.chain.api.Units;

/** The network panel and the treasury's rows as text: what {@code framegrid chain status} prints. */
final class StatsPanel {

    private StatsPanel() {
    }

    static String format(NetworkStats s, long chainId) {
        long step = s.nextInflation() - s.inflation();
        String direction = step == 0 ? "unchanged" : (step > 0 ? "+" : "-") + Units.formatPercentPpb(Math.abs(step), 5)
                .replace("%", " pts");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Framegrid network - chain %d, block %,d%n", chainId, s.blockNumber()));
        row(out, "Round", String.format(Locale.ROOT, "%,d", s.round()));
        row(out, "Inflation", Units.formatPercentPpb(s.inflation(), 4) + " per round (next round "
                + Units.formatPercentPpb(s.nextInflation(), 4) + ", " + direction + ")");
        row(out, "Total supply", Units.formatTokens(s.totalSupply(), 2) + " LPT");
        row(out, "Total bonded", Units.formatTokens(s.totalBonded(), 2) + " LPT");
        row(out, "Participation", Units.formatPercentPpb(s.participation(), 2) + " (target "
                + Units.formatPercentPpb(s.targetBondingRate(), 2) + ")");
        row(out, "Mintable this round", Units.formatTokens(s.mintableThisRound(), 2) + " LPT");
        row(out, "Minted next round", Units.formatTokens(s.mintableNextRound(), 2) + " LPT");
        row(out, "Delegators", String.format(Locale.ROOT, "%,d", s.delegators()));
        row(out, "Orchestrators", String.format(Locale.ROOT, "%,d", s.orchestrators()));
        return out.toString();
    }

    /**
     * The treasury's rows, below the panel: its balance, its cut of each round's rewards (and the next round's when
     * that differs) and its ceiling.
     */
    static String treasury(TreasuryInfo t) {
        StringBuilder out = new StringBuilder();
        row(out, "Treasury", Units.formatTokens(t.balance(), 2) + " LPT");
        boolean changing = !t.nextRoundRewardCutRate().equals(t.rewardCutRate());
        row(out, "Treasury cut", Units.formatPercentPrecise(t.rewardCutRate(), 2) + " of each reward"
                + (changing ? " (next round " + Units.formatPercentPrecise(t.nextRoundRewardCutRate(), 2) + ")" : ""));
        row(out, "Treasury ceiling", t.balanceCeiling().signum() == 0 ? "none"
                : Units.formatTokens(t.balanceCeiling(), 2) + " LPT" + (t.ceilingReached() ? " (reached)" : ""));
        return out.toString();
    }

    /** The treasury row of a chain without one. */
    static String noTreasury(String reason) {
        StringBuilder out = new StringBuilder();
        row(out, "Treasury", "none (" + reason + ")");
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-20s %s%n", label, value));
    }
}
