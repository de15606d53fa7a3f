package org.framegrid.demo.internal.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's readings: a class histogram from jcmd, and which streams do not run a stage release yet. */
class SoakPartsTest {

    @Test
    void aClassHistogramGivesTheLiveHeapAndWhatGrew() {
        ClassHistogram before = ClassHistogram.parse(String.join("\n", "12345:",
                " num     #instances         #bytes  class name (module)",
                "-------------------------------------------------------",
                "   1:          1000         800000  [B (java.base@25)",
                "   2:            10            480  com.example.Session",
                "Total          1010         800480", ""));
        ClassHistogram after = ClassHistogram.parse(String.join("\n", "12345:",
                " num     #instances         #bytes  class name (module)",
                "   1:          1000         800000  [B (java.base@25)",
                "   2:           500          24000  com.example.Session",
                "   3:             1             16  java.lang.Object (java.base@25)",
                "Total          1501         824016", ""));
        assertEquals(800_480, before.total());
        assertEquals(824_016, after.total());
        assertEquals(List.of("+23,520 bytes +490 instances com.example.Session",
                "+16 bytes +1 instances java.lang.Object (java.base@25)"), after.growthSince(before, 5));
    }

    /**
     * A restarted orchestrator idles (24 MB, 40 threads) until a kill of the other sends it the streams (39 MB, 67
     * threads): load, not growth. Before, that failed the soak's resources check; growth at the same load still does.
     */
    @Test
    void resourcesAreJudgedAtTheSameLoad() {
        ResourceLog log = new ResourceLog();
        ResourceLog.Incarnation restarted = new ResourceLog.Incarnation("o1", 1);
        double[][] minutes = {{0, 24e6, 40}, {0, 24e6, 40}, {8, 39e6, 67}, {8, 39.5e6, 67}, {8, 40e6, 66}, {8, 39e6, 66}};
        for (int m = 0; m < minutes.length; m++) {
            log.sample(restarted, m + 2, java.util.Map.of(NodeMetrics.STREAMS, minutes[m][0], NodeMetrics.HEAP_AFTER_GC,
                    minutes[m][1], NodeMetrics.THREADS, minutes[m][2], NodeMetrics.FDS, 150.0,
                    NodeMetrics.FRAME_POOL, 6e6));
        }
        assertEquals(List.of(), log.growth(2, 10));
        log.sample(restarted, 8, java.util.Map.of(NodeMetrics.STREAMS, 8.0, NodeMetrics.HEAP_AFTER_GC, 60e6,
                NodeMetrics.THREADS, 66.0, NodeMetrics.FDS, 150.0, NodeMetrics.FRAME_POOL, 6e6));
        assertEquals(List.of("o1 (restart 1): heap after GC grew from 39.0 in minute 5 to 60.0 in minute 9 (+54 %)"),
                log.growth(2, 10));
    }

    /**
     * The minute the streams come, its lowest heap after GC is from before they came; the class histogram at :50 is
     * not: with histograms, the live heap judges the heap (the 10-minute run's restarted orchestrators, 27.8 then
     * 39.5 MB lowest after GC, 38.7 then 39.5 MB live).
     */
    @Test
    void theLiveHeapJudgesTheHeapWhereThereAreHistograms() {
        ResourceLog log = new ResourceLog();
        ResourceLog.Incarnation o = new ResourceLog.Incarnation("o1", 1);
        double[][] minutes = {{2, 15.4e6, 23.8e6}, {5, 23.9e6, 23.9e6}, {8, 27.8e6, 38.7e6}, {8, 39.5e6, 39.5e6}};
        for (int m = 0; m < minutes.length; m++) {
            log.sample(o, m + 1, java.util.Map.of(NodeMetrics.STREAMS, minutes[m][0], NodeMetrics.HEAP_AFTER_GC,
                    minutes[m][1], NodeMetrics.THREADS, 66.0, NodeMetrics.FDS, 160.0, NodeMetrics.FRAME_POOL, 6e6));
            log.histogram(o, m + 1, new ClassHistogram("", java.util.Map.of(), (long) minutes[m][2]));
        }
        assertEquals(List.of(), log.growth(2, 10));
        log.histogram(o, 5, new ClassHistogram("", java.util.Map.of(), 50_000_000));
        log.sample(o, 5, java.util.Map.of(NodeMetrics.STREAMS, 8.0, NodeMetrics.HEAP_AFTER_GC, 50e6));
        assertEquals(List.of("o1 (restart 1): live heap grew from 38.7 in minute 4 to 50.0 in minute 6 (+29 %)"),
                log.growth(2, 10));
    }

    @Test
    void aStreamOnAnEarlierReleaseWhoseNumberStartsTheSameIsStale() {
        List<String> providers = List.of(
                "o1 framegrid_stage_provider{node=\"stamp\",provider=\"org.framegrid.sample.stamp:0.2.23\",stream=\"a\"}",
                "o1 framegrid_stage_provider{node=\"stamp\",provider=\"org.framegrid.sample.stamp:0.2.2\",stream=\"b\"}");
        // Before, a provider containing "0.2.2" passed for release 0.2.2, and 0.2.23 for 0.2.2 too.
        assertEquals(List.of(providers.get(0)), SwapReach.stale(providers, "0.2.2"));
        assertEquals(List.of(providers.get(1)), SwapReach.stale(providers, "0.2.23"));
    }
}
