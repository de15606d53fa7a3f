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
