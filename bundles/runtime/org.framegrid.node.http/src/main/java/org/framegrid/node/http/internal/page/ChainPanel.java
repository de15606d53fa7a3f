package org.framegrid.node.http.internal.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.ChainService;
import org.framegrid.chain.api.NetworkStats;
import org.framegrid.chain.api.Units;

/**
 * The chain panel of the status page: the figures {@code framegrid chain status} prints, read through the node's
 * {@link ChainService}. Reading them takes a dozen chain calls, so one reading serves the page for a few seconds.
 */
final class ChainPanel {

    /** A panel: a title and rows of label and value, or the one line saying why there is none. */
    record Panel(String title, List<List<String>> rows, String problem) {
    }

    private static final long REUSE_NANOS = 5_000_000_000L;

    private final Supplier<ChainService> chain;
    private Panel last;
    private long readAt;

    ChainPanel(Supplier<ChainService> chain) {
        this.chain = chain;
    }

    synchronized Panel read() {
        long now = System.nanoTime();
        if (last != null && now - readAt < REUSE_NANOS) {
            return last;
        }
        last = fresh();
        readAt = now;
        return last;
    }

    private Panel fresh() {
        ChainService c = chain.get();
        if (c == null) {
            return new Panel("Chain", List.of(), "no chain connection (yet): see the bundles and components panel");
        }
        try {
            NetworkStats s = c.networkStats();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Round", String.format(Locale.ROOT, "%,d", s.round())));
            rows.add(List.of("Inflation", Units.formatPercentPpb(s.inflation(), 4) + " per round (next round "
                    + Units.formatPercentPpb(s.nextInflation(), 4) + ")"));
            rows.add(List.of("Total supply", Units.formatTokens(s.totalSupply(), 2) + " LPT"));
            rows.add(List.of("Total bonded", Units.formatTokens(s.totalBonded(), 2) + " LPT"));
            rows.add(List.of("Participation", Units.formatPercentPpb(s.participation(), 2) + " (target "
                    + Units.formatPercentPpb(s.targetBondingRate(), 2) + ")"));
            rows.add(List.of("Mintable this round", Units.formatTokens(s.mintableThisRound(), 2) + " LPT"));
            rows.add(List.of("Minted next round", Units.formatTokens(s.mintableNextRound(), 2) + " LPT"));
            rows.add(List.of("Delegators", String.format(Locale.ROOT, "%,d", s.delegators())));
            rows.add(List.of("Orchestrators", String.format(Locale.ROOT, "%,d", s.orchestrators())));
            return new Panel(String.format(Locale.ROOT, "Chain %d, block %,d", c.chainId(), s.blockNumber()), rows,
                    null);
        } catch (ChainException | RuntimeException e) {
            return new Panel("Chain", List.of(), "the chain cannot be read: " + e.getMessage());
        }
    }
}
