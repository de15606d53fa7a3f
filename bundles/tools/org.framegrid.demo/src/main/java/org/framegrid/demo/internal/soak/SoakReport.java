package org.framegrid.demo.internal.soak;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.framegrid.demo.internal.Latencies;

/**
 * The soak's report: what happened (the chaos events), the figures, and a PASS or FAIL line per check; the run fails
 * when any check does.
 */
final class SoakReport {
    /** Frames missing outside failovers and not counted as dropped by any stage, as a share of those sent. */
    static final double UNEXPLAINED_SHARE = 0.005;

    private final int minutes;
    private final List<String> lines = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();
    private boolean passed = true;

    SoakReport(int minutes) {
        this.minutes = minutes;
    }

    private void check(boolean ok, String what) {
        passed &= ok;
        checks.add((ok ? "PASS  " : "FAIL  ") + what);
    }

    void events(List<String> events) {
        lines.add(0, "chaos (seconds into the streams):");
        lines.addAll(1, events);
    }

    /**
     * Frames delivered against sent minus the drops counted, over all streams: the nodes' stages' drops, the
     * gateway's passed-over segments and its failover losses, and the receivers' drops. The kill windows are shown,
     * not subtracted: every frame lost must be counted where it was lost.
     */
    void frames(List<SoakStream.Frames> frames, long nodeDrops, long failoverLosses, int swaps) {
        long sent = 0;
        long delivered = 0;
        long inFailover = 0;
        long other = 0;
        long receiverDrops = 0;
        long unreadable = 0;
        lines.add("frames per stream (sent = reached the camera's encoder; delivered = code read back here):");
        for (int i = 0; i < frames.size(); i++) {
            SoakStream.Frames f = frames.get(i);
            lines.add(String.format(Locale.ROOT, "  stream %d: sent %d, delivered %d (%.2f %%), lost in %d failovers"
                            + " %d, missing otherwise %d, dropped by the receiver %d", i + 1, f.sent(), f.delivered(),
                    100.0 * f.delivered() / Math.max(1, f.sent()), f.failovers(), f.inFailover(), f.otherMissing(),
                    f.receiverDrops()));
            sent += f.sent();
            delivered += f.delivered();
            inFailover += f.inFailover();
            other += f.otherMissing();
            receiverDrops += f.receiverDrops();
            unreadable += f.unreadable();
        }
        long counted = nodeDrops + failoverLosses + receiverDrops + unreadable;
        long unexplained = Math.max(0, inFailover + other - counted);
        lines.add(String.format(Locale.ROOT, "  all: sent %d, delivered %d (%.2f %%); missing %d (in kill windows %d, "
                        + "otherwise %d), against %d counted (the nodes' stages' drops and failures and the gateway's "
                        + "passed-over segments %d, the gateway's failover losses %d, receivers %d, arrived with an "
                        + "unreadable code %d); %d stage swaps", sent, delivered, 100.0 * delivered / Math.max(1, sent),
                inFailover + other, inFailover, other, counted, nodeDrops, failoverLosses, receiverDrops, unreadable,
                swaps));
        check(sent > 0 && delivered > 0, "frames flowed: " + delivered + " of " + sent + " delivered");
        check(unexplained <= Math.round(sent * UNEXPLAINED_SHARE), String.format(Locale.ROOT,
                "delivered = sent - counted drops (failover losses included), to within %.1f %% of sent: %d frames "
                        + "unexplained",
                UNEXPLAINED_SHARE * 100, unexplained));
    }

    /** Each kill of a stream's orchestrator was followed by a failover of that stream; the gaps. */
    void failovers(List<SoakStream> streams) {
        List<Long> all = new ArrayList<>();
        int kills = 0;
        int missed = 0;
        for (SoakStream s : streams) {
            SoakStream.Frames f = s.frames();
            List<Long> gaps = s.gaps();
            all.addAll(gaps);
            kills += f.failovers();
            missed += Math.max(0, f.failovers() - gaps.size());
        }
        List<Long> sorted = all.stream().sorted().toList();
        lines.add(String.format(Locale.ROOT, "failovers: %d (%d kills of a serving orchestrator); gaps ms: p50 %s, "
                + "max %s; all: %s", all.size(), kills, sorted.isEmpty() ? "-" : sorted.get(sorted.size() / 2),
                sorted.isEmpty() ? "-" : sorted.get(sorted.size() - 1), sorted));
        for (int i = 0; i < streams.size(); i++) {
            for (String f : streams.get(i).failures(3)) {
                lines.add("  stream " + (i + 1) + " failure: " + f);
            }
        }
        check(missed == 0, "every kill of a serving orchestrator was followed by a failover (" + missed + " not)");
    }

    /**
     * Every stream runs the last stamp release on its orchestrator at the end (after a bounded wait); how long each
     * swap took to reach every stream.
     */
    void swaps(String version, List<String> providers, List<String> stale, SwapReach reach) {
        List<Long> reached = reach.reached().stream().sorted().toList();
        lines.add(String.format(Locale.ROOT, "stage swaps: %d reached every stream, in ms p50 %s, max %s; %d not "
                        + "before the next swap (%d s later)", reached.size(),
                reached.isEmpty() ? "-" : reached.get(reached.size() / 2),
                reached.isEmpty() ? "-" : reached.getLast(), reach.notReached(), 10));
        lines.add("stamp stages running at the end: " + providers.size()
                + (stale.isEmpty() ? "" : "; not on " + version + ": " + stale));
        check(!providers.isEmpty() && stale.isEmpty(), "every stream's stamp stage runs the last release ("
                + version + ") at the end");
    }

    void line(String text) {
        lines.add(text);
    }

    void latency(List<SoakStream> streams) {
        StringBuilder line = new StringBuilder("latency per frame (glass to glass), each stream's p50/p99 ms:");
        for (SoakStream s : streams) {
            Latencies.Summary all = s.latencies.all();
            line.append(String.format(Locale.ROOT, " %.0f/%.0f", all.p50(), all.p99()));
        }
        lines.add(line.toString());
    }

    /** Heap, threads, file descriptors and frame memory flat within 10 % after warm-up. */
    void resources(ResourceLog log, java.nio.file.Path histograms) {
        int warmup = minutes >= 5 ? 2 : 1;
        lines.add("resources per node and minute (heap after GC: the minute's lowest sample; live heap: the class "
                + "histogram's total, a full GC first, at :50; the rest: the minute's highest):");
        lines.addAll(log.table());
        log.histogramSpans(warmup).forEach((node, span) -> {
            ClassHistogram from = span.get(0).getValue();
            ClassHistogram to = span.get(1).getValue();
            lines.add(String.format(Locale.ROOT, "  classes that grew most in %s, minute %d to %d (live %.1f to %.1f "
                            + "MB; histograms in %s):", node.label(), span.get(0).getKey() + 1,
                    span.get(1).getKey() + 1, from.total() / 1e6, to.total() / 1e6, histograms));
            to.growthSince(from, 6).forEach(g -> lines.add("    " + g));
        });
        List<String> growth = log.growth(warmup, minutes - 1);
        growth.forEach(g -> lines.add("  growth: " + g));
        check(growth.isEmpty(), "heap, threads, fds and frame memory flat within 10 % after " + warmup
                + " min of warm-up (and after a restarted node's first minute)");
    }

    /** Deposit spent = fees credited on chain + winning tickets still pending, to the wei. */
    void money(BigInteger spent, BigInteger fees, long pending, long redeemed) {
        lines.add("money: gateway deposit and reserve spent " + spent + " wei; fees credited on chain " + fees
                + " wei (" + redeemed + " winning tickets redeemed); winning tickets still pending: " + pending);
        check(pending == 0 && spent.equals(fees), "deposit spent = fees credited + pending winning tickets, to the "
                + "wei (" + spent + " = " + fees + " + " + (pending == 0 ? "0" : pending + " tickets not redeemed")
                + ")");
    }

    /** Prints the report; @return whether every check passed */
    boolean print() {
        System.out.println();
        System.out.println("soak report (" + minutes + " min)");
        lines.forEach(System.out::println);
        checks.forEach(System.out::println);
        System.out.println(passed ? "soak: PASS" : "soak: FAIL");
        return passed;
    }
}
