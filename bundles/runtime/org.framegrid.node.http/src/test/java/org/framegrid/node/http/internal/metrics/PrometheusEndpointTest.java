package org.framegrid.node.http.internal.metrics;

import static org.framegrid.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {

    private static String scrape(PrometheusEndpoint endpoint) {
        return new String(endpoint.scrape(), StandardCharsets.UTF_8);
    }

    @Test
    void sourcesAreReadAtEveryScrapeAndServedInTheTextFormat() {
        long[] frames = {3};
        PrometheusEndpoint endpoint = new PrometheusEndpoint(out -> {
            out.counter("framegrid_test_frames", "Frames seen", Map.of("stream", "s1"), frames[0]);
            out.gauge("framegrid_test_queue", "Queue depth", Map.of(), 2);
        });
        String first = scrape(endpoint);
        assertContains(first, "# HELP framegrid_test_frames_total Frames seen",
                "# TYPE framegrid_test_frames_total counter", "framegrid_test_frames_total{stream=\"s1\"} 3.0",
                "framegrid_test_queue 2.0");
        assertTrue(first.contains("jvm_memory_used_bytes"), "the JVM's metrics too");

        frames[0] = 7;
        assertTrue(scrape(endpoint).contains("framegrid_test_frames_total{stream=\"s1\"} 7.0"), "read again");
    }

    @Test
    void twoSourcesOfOneMetricBecomeOneFamily() {
        PrometheusEndpoint endpoint = new PrometheusEndpoint(out -> {
            out.gauge("framegrid_test_sessions", "Sessions", Map.of("orchestrator", "a"), 1);
            out.gauge("framegrid_test_sessions", "Sessions", Map.of("orchestrator", "b"), 2);
        });
        String text = scrape(endpoint);
        assertTrue(text.indexOf("# TYPE framegrid_test_sessions gauge") == text.lastIndexOf("# TYPE framegrid_test_sessions"),
                text);
        assertTrue(text.contains("framegrid_test_sessions{orchestrator=\"a\"} 1.0")
                && text.contains("framegrid_test_sessions{orchestrator=\"b\"} 2.0"), text);
    }

    @Test
    void histogramBucketsAreCumulativeWithInfinityLast() {
        PrometheusEndpoint endpoint = new PrometheusEndpoint(out -> out.histogram("framegrid_test_latency_seconds",
                "Latency", Map.of("node", "n"), List.of(0.01, 0.1), List.of(2L, 3L, 1L), 0.5));
        assertContains(scrape(endpoint), "framegrid_test_latency_seconds_bucket{node=\"n\",le=\"0.01\"} 2",
                "framegrid_test_latency_seconds_bucket{node=\"n\",le=\"0.1\"} 5",
                "framegrid_test_latency_seconds_bucket{node=\"n\",le=\"+Inf\"} 6",
                "framegrid_test_latency_seconds_count{node=\"n\"} 6", "framegrid_test_latency_seconds_sum{node=\"n\"} 0.5");
    }

    @Test
    void aValueThatCannotBeServedIsLeftOutAndTheRestServed() {
        PrometheusEndpoint endpoint = new PrometheusEndpoint(out -> {
            out.gauge("framegrid_test_mixed", "first a gauge", Map.of(), 1);
            out.counter("framegrid_test_mixed", "then a counter", Map.of(), 2);
            out.gauge("framegrid_test_twice", "the same labels twice", Map.of("a", "1"), 1);
            out.gauge("framegrid_test_twice", "the same labels twice", Map.of("a", "1"), 2);
            out.gauge("framegrid_test_fine", "still served", Map.of(), 3);
        });
        String text = scrape(endpoint);
        assertContains(text, "framegrid_test_mixed 1.0", "framegrid_test_fine 3.0");
        assertFalse(text.contains("framegrid_test_mixed_total"), text);
        assertFalse(text.contains("framegrid_test_twice"), text);
    }
}
