package org.framegrid.chain.web3j.internal;

import java.util.Locale;

import org.framegrid.chain.api.NetworkStats;
import org.framegrid.chain.api.Units;

/** The network panel as text: what {@code framegrid chain status} prints. */
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

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-20s %s%n", label, value));
    }
}
