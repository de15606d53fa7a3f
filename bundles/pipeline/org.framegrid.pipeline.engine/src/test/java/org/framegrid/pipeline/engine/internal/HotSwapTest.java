package org.framegrid.pipeline.engine.internal;

import static org.framegrid.pipeline.engine.internal.TestStages.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageMode;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.api.stage.MissingProviderPolicy;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.pipeline.engine.internal.TestStages.Journal;
import org.framegrid.pipeline.engine.internal.TestStages.Seen;
import org.framegrid.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * The headline: a stage's provider changes under a live 30 fps stream. Mirrors the in-framework test of issue 3 in
 * the plain-Java core: providers are added and removed the way DS binds and unbinds them.
 */
class HotSwapTest extends LiveEngineTest {
    private static final Map<String, Object> FPS_30 = Map.of("interval", 33);

    private final Journal journal = new Journal();

    private StreamHandle start(MissingProviderPolicy missing) throws Exception {
        PipelineDefinition d = TestStages.linear("swap", QueuePolicy.LATEST, node("src", "gen", FPS_30),
                new NodeDefinition("mid", "probe", Map.of(), null, null, missing, null, Map.of()),
                node("out", "sink", Map.of()));
        StreamHandle h = engine.start(d, "s", Map.of());
        Await.until("ONLINE", 5000, () -> log.last("s") == StreamState.ONLINE);
        return h;
    }

    /**
     * @return a stream started with {@code policy} whose probe is v1 (provider id 10, labelled {@code label}), once
     *     {@code frames} frames went through v1
     */
    private StreamHandle startOnV1(String label, MissingProviderPolicy policy, int frames) throws Exception {
        engine.addProvider(TestStages.probe("probe", "v1", journal), 0, 10, label);
        StreamHandle h = start(policy);
        awaitStamp("v1/a/", frames);
        return h;
    }

    private void awaitStamp(String stamp, int moreFrames) {
        Await.until("frames stamped " + stamp, 5000, () -> seen.stream().anyMatch(s -> stamp.equals(s.stamp())));
        int n = seen.size();
        Await.until(moreFrames + " more frames", 5000, () -> seen.size() >= n + moreFrames);
    }

    /** At most one frame lost over the whole run, and frames stay in order. */
    private void assertContinuous(int maxLost) {
        List<Long> seq = seen.stream().map(Seen::sequence).toList();
        long lost = 0;
        for (int i = 1; i < seq.size(); i++) {
            assertTrue(seq.get(i) > seq.get(i - 1), "in order: " + seq);
            lost += seq.get(i) - seq.get(i - 1) - 1;
        }
        assertTrue(lost <= maxLost, "lost " + lost + " frames: " + seq);
    }

    /** After the first frame stamped {@code stamp}, every frame is. */
    private void assertAllAfter(String stamp) {
        List<Seen> all = new ArrayList<>(seen);
        int first = -1;
        for (int i = 0; i < all.size() && first < 0; i++) {
            first = stamp.equals(all.get(i).stamp()) ? i : -1;
        }
        assertTrue(first > 0, "an earlier provider ran first");
        for (Seen s : all.subList(first, all.size())) {
            assertEquals(stamp, s.stamp(), "frame " + s.sequence() + " after the swap");
        }
    }

    private StageStatus mid(StreamHandle h) {
        return h.status().stages().get(1);
    }

    @Test
    void higherRankedProviderTakesOverMidStream() throws Exception {
        StreamHandle h = startOnV1("stage:1.0.0", null, 5);
        engine.addProvider(TestStages.probe("probe", "v2", journal), 5, 11, "stage:2.0.0");
        awaitStamp("v2/a/", 10);
        assertAllAfter("v2/a/");
        assertContinuous(1);
        assertEquals(List.of("start v1#1", "start v2#2", "stop v1#1"), new ArrayList<>(journal.events),
                "the new instance is started before the old one is stopped");
        assertEquals("stage:2.0.0", mid(h).provider());
        assertFalse(log.states("s").contains(StreamState.ERROR));
        assertEquals(StreamState.ONLINE, h.status().state());
        h.close();
    }

    @Test
    void bundleUpdateBypassesThenSwitchesToTheNewVersion() throws Exception {
        StreamHandle h = startOnV1("stage:1.0.0", null, 5);
        // A bundle update: the old service goes (stopped before removeProvider returns), then the new one comes.
        engine.removeProvider(10);
        assertEquals(List.of("start v1#1", "stop v1#1"), new ArrayList<>(journal.events));
        Await.until("DEGRADED", 5000, () -> log.last("s") == StreamState.DEGRADED);
        assertEquals(StageMode.BYPASSED, mid(h).mode());
        int n = seen.size();
        Await.until("bypassed frames", 5000, () -> seen.size() > n + 3);
        engine.addProvider(TestStages.probe("probe", "v2", journal), 0, 12, "stage:1.1.0");
        awaitStamp("v2/a/", 10);
        Await.until("ONLINE", 5000, () -> log.last("s") == StreamState.ONLINE);
        assertAllAfter("v2/a/");
        assertTrue(seen.stream().anyMatch(s -> s.stamp() == null), "frames went through unstamped while bypassed");
        assertContinuous(1);
        assertEquals(StageMode.ACTIVE, mid(h).mode());
        h.close();
    }

    @Test
    void removingTheBestFallsBackToTheNextBeforeReturning() throws Exception {
        engine.addProvider(TestStages.probe("probe", "v1", journal), 0, 10, "a");
        engine.addProvider(TestStages.probe("probe", "v2", journal), 5, 11, "b");
        StreamHandle h = start(null);
        awaitStamp("v2/a/", 5);
        engine.removeProvider(11);
        assertEquals(List.of("start v2#1", "start v1#2", "stop v2#1"), new ArrayList<>(journal.events),
                "the replacement runs and the departing instance is stopped when removeProvider returns");
        awaitStamp("v1/a/", 5);
        assertContinuous(1);
        assertFalse(log.states("s").contains(StreamState.DEGRADED), "a replacement was ready: no degradation");
        h.close();
    }

    @Test
    void directNodesRunOnTheirUpstreamThreadAndStillSwap() throws Exception {
        engine.addProvider(TestStages.probe("probe", "v1", journal), 0, 10, "a");
        NodeDefinition direct = new NodeDefinition("mid", "probe", Map.of(), QueuePolicy.DIRECT, null, null, null,
                Map.of());
        NodeDefinition directSink = new NodeDefinition("out", "sink", Map.of(), QueuePolicy.DIRECT, null, null, null,
                Map.of());
        StreamHandle h = engine.start(TestStages.linear("direct", QueuePolicy.LATEST, node("src", "gen", FPS_30),
                direct, directSink), "s", Map.of());
        assertEquals(1, engine.frameThreads(), "one thread: the source's");
        awaitStamp("v1/a/", 3);
        engine.addProvider(TestStages.probe("probe", "v2", journal), 5, 11, "b");
        awaitStamp("v2/a/", 5);
        assertAllAfter("v2/a/");
        assertContinuous(0); // no queue, nothing to drop
        assertEquals(0, mid(h).queueCapacity());
        assertEquals(StreamState.ONLINE, h.status().state());
        h.close();
    }

    @Test
    void aStreamStartsDegradedWhileAKnownTypeHasNoProvider() throws Exception {
        engine.addProvider(TestStages.probe("probe", "v1", journal), 0, 10, "a");
        engine.removeProvider(10);
        assertTrue(engine.find("probe").isEmpty(), "not available now");
        PipelineDefinition d = TestStages.linear("late", QueuePolicy.LATEST, node("src", "gen", FPS_30),
                node("mid", "probe", Map.of()), node("out", "sink", Map.of()));
        assertEquals(List.of(), engine.check(d), "but known, so the definition is valid");
        StreamHandle h = engine.start(d, "s", Map.of());
        Await.until("DEGRADED", 5000, () -> log.last("s") == StreamState.DEGRADED);
        Await.until("bypassed frames", 5000, () -> seen.size() > 3);
        engine.addProvider(TestStages.probe("probe", "v2", journal), 0, 11, "b");
        awaitStamp("v2/a/", 3);
        Await.until("ONLINE", 5000, () -> log.last("s") == StreamState.ONLINE);
        assertAllAfter("v2/a/");
        h.close();
    }

    @Test
    void holdReEmitsTheLastGoodOutput() throws Exception {
        StreamHandle h = startOnV1("a", MissingProviderPolicy.HOLD, 3);
        engine.removeProvider(10);
        Await.until("DEGRADED", 5000, () -> log.last("s") == StreamState.DEGRADED);
        assertEquals(StageMode.HELD, mid(h).mode());
        int n = seen.size();
        Await.until("held frames", 5000, () -> seen.size() > n + 3);
        List<Seen> held = new ArrayList<>(seen).subList(n, n + 3);
        assertEquals(1, held.stream().map(Seen::sequence).distinct().count(), "the same frame again: " + held);
        assertEquals("v1/a/", held.getFirst().stamp());
        h.close();
    }

    @Test
    void anIncompatibleProviderIsNotSwappedIn() throws Exception {
        StreamHandle h = startOnV1("a", null, 3);
        StageDescriptor grayOnly = new StageDescriptor("probe", "Filter/Test", "gray only", Set.of(PixelFormat.GRAY8),
                OutputRule.SAME_AS_INPUT, Set.of(), null, TestStages.probe("probe", "x", journal).descriptor()
                .properties());
        engine.addProvider(new TestStages.Provider(grayOnly, () -> {
            throw new AssertionError("must not be created");
        }), 10, 11, "gray");
        int n = seen.size();
        Await.until("more frames", 5000, () -> seen.size() > n + 5);
        assertEquals("a", mid(h).provider());
        assertTrue(mid(h).lastError().contains("does not accept RGB24"), mid(h).lastError());
        assertTrue(seen.stream().allMatch(s -> "v1/a/".equals(s.stamp())), "only v1 ever ran");
        h.close();
    }
}
