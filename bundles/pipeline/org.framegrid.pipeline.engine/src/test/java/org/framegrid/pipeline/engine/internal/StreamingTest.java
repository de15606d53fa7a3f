package org.framegrid.pipeline.engine.internal;

import static org.framegrid.pipeline.engine.internal.TestStages.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.pipeline.engine.internal.TestStages.Journal;
import org.framegrid.pipeline.engine.internal.TestStages.Seen;
import org.framegrid.testing.Await;
import org.framegrid.testing.PlainStage;
import org.junit.jupiter.api.Test;

/** Queue policies, live updates and restarts through a running engine. */
class StreamingTest extends LiveEngineTest {
    private final Journal journal = new Journal();

    StreamingTest() {
        engine.addProvider(TestStages.probe("probe", "p", journal), 0, 3, "t");
    }

    private PipelineDefinition pipeline(QueuePolicy policy, Map<String, Object> src, Map<String, Object> probe) {
        return TestStages.linear("p", policy, node("src", "gen", src), node("mid", "probe", probe),
                node("out", "sink", Map.of()));
    }

    /** @return whether the platform thread {@code name} waits in {@link FrameQueue#put} for room in a full queue */
    private static boolean blockedInPut(String name) {
        return Thread.getAllStackTraces().entrySet().stream().anyMatch(t -> t.getKey().getName().equals(name)
                && t.getKey().getState() == Thread.State.WAITING && Arrays.stream(t.getValue()).anyMatch(
                        f -> f.getClassName().equals(FrameQueue.class.getName()) && f.getMethodName().equals("put")));
    }

    /** @return stream {@code s} (LATEST queues, the probe's defaults, {@code src} for the source) once ONLINE */
    private StreamHandle startOnline(Map<String, Object> src) throws Exception {
        StreamHandle h = engine.start(pipeline(QueuePolicy.LATEST, src, Map.of()), "s", Map.of());
        Await.until("ONLINE", 5000, () -> log.last("s") == StreamState.ONLINE);
        return h;
    }

    private StageStatus stage(StreamHandle h, String node) {
        return h.status().stages().stream().filter(s -> s.node().equals(node)).findFirst().orElseThrow();
    }

    @Test
    void latestDropsOldFramesAndCountsThem() throws Exception {
        StreamHandle h = engine.start(pipeline(QueuePolicy.LATEST, Map.of("interval", 1), Map.of("delay", 20)), "s",
                Map.of());
        Await.until("drops at the slow stage", 5000, () -> stage(h, "mid").drops() >= 20 && seen.size() >= 5);
        h.close();
        List<Long> sequences = seen.stream().map(Seen::sequence).toList();
        for (int i = 1; i < sequences.size(); i++) {
            assertTrue(sequences.get(i) > sequences.get(i - 1), "frames stay in order");
        }
        long gaps = sequences.getLast() - sequences.getFirst() + 1 - sequences.size();
        assertTrue(gaps >= 20, "the sink misses the dropped frames: " + gaps);
    }

    @Test
    void blockLosesNothing() throws Exception {
        StreamHandle h = engine.start(pipeline(QueuePolicy.BLOCK, Map.of("interval", 0, "count", 300),
                Map.of("delay", 1)), "s", Map.of());
        Await.until("300 frames at the sink", 10_000, () -> seen.size() == 300);
        assertEquals(0, stage(h, "mid").drops());
        List<Long> sequences = seen.stream().map(Seen::sequence).toList();
        for (int i = 0; i < 300; i++) {
            assertEquals(i, sequences.get(i));
        }
        h.close();
    }

    @Test
    void liveUpdateLandsBetweenFramesAndOnlyTheNewestIsApplied() throws Exception {
        StreamHandle h = engine.start(pipeline(QueuePolicy.LATEST, Map.of("interval", 1), Map.of()), "s", Map.of());
        Await.until("frames", 5000, () -> seen.size() > 5);
        h.update(Map.of("mid.delay", 400));
        assertTrue(journal.slowEntered.await(5, TimeUnit.SECONDS), "the slow frame started");
        journal.updates.clear();
        for (int i = 1; i <= 50; i++) {
            h.update(Map.of("mid.tag", "t" + i, "mid.delay", 0));
        }
        Await.until("tag t50 at the sink", 5000, () -> seen.stream().anyMatch(s -> "p/a/t50".equals(s.stamp())));
        assertEquals(List.of("t50"), new ArrayList<>(journal.updates), "one update call with the newest values");
        assertTrue(journal.torn.isEmpty(), "no frame saw its properties change while processed: " + journal.torn);
        assertEquals(1, journal.instances.get(), "live properties do not restart the stage");
        h.close();
    }

    @Test
    void nonLiveChangeRestartsTheStageWhileFramesFlow() throws Exception {
        StreamHandle h = startOnline(Map.of("interval", 2));
        h.update(Map.of("mid.mode", "b"));
        Await.until("mode b at the sink", 5000, () -> seen.stream().anyMatch(s -> "p/b/".equals(s.stamp())));
        Await.until("ONLINE again", 5000, () -> log.last("s") == StreamState.ONLINE);
        List<StreamState> states = log.states("s");
        int reloading = states.indexOf(StreamState.RELOADING);
        assertTrue(reloading > 0 && states.subList(reloading, states.size()).contains(StreamState.ONLINE), "" + states);
        assertEquals(List.of("start p#1", "start p#2", "stop p#1"), new ArrayList<>(journal.events),
                "the new instance starts before the old one stops");
        // Frames never stopped: once mode b appears, no mode a follows, and the sequence has no hole larger than
        // the one-slot LATEST queue can explain.
        List<Seen> all = new ArrayList<>(seen);
        int firstB = all.indexOf(all.stream().filter(s -> "p/b/".equals(s.stamp())).findFirst().orElseThrow());
        assertTrue(all.subList(firstB, all.size()).stream().allMatch(s -> "p/b/".equals(s.stamp())));
        h.close();
        Await.until("a STOPPED event for s", 2000, () -> log.last("s") == StreamState.STOPPED);
        assertEquals(StreamState.STOPPED, log.last("s"));
    }

    @Test
    void stopWhileTheSourceIsBlockedReleasesEveryFrame() throws Exception {
        StreamHandle h = engine.start(pipeline(QueuePolicy.BLOCK, Map.of("interval", 0), Map.of("delay", 50)), "s",
                Map.of());
        Await.until("a full queue", 5000, () -> stage(h, "mid").queueDepth() == 4);
        Await.until("the source blocked in put", 5000, () -> blockedInPut("framegrid-s-src"));
        h.close();
        assertEquals(0, engine.frameThreads());
        assertEquals(0, engine.pool().outstanding(), "the blocked frame and the queued ones went back to the pool");
    }

    @Test
    void rankingChangeSwitchesProviders() throws Exception {
        engine.addProvider(TestStages.probe("probe", "q", journal), -1, 7, "low");
        StreamHandle h = engine.start(pipeline(QueuePolicy.LATEST, Map.of("interval", 2), Map.of()), "s", Map.of());
        Await.until("p stamps", 5000, () -> seen.stream().anyMatch(x -> "p/a/".equals(x.stamp())));
        engine.rankingChanged(7, 10);
        Await.until("q stamps", 5000, () -> seen.stream().anyMatch(x -> "q/a/".equals(x.stamp())));
        assertEquals("low", stage(h, "mid").provider());
        h.close();
    }

    @Test
    void aStageFailingOnEveryFrameMakesTheStreamErrorUntilItRecovers() throws Exception {
        StreamHandle h = startOnline(Map.of("interval", 1));
        h.update(Map.of("mid.tag", "fail"));
        Await.until("ERROR", 5000, () -> log.last("s") == StreamState.ERROR);
        assertTrue(h.status().reason().contains("node 'mid' (probe) fails on every frame"), h.status().reason());
        assertTrue(stage(h, "mid").errors() >= 30);
        assertTrue(engine.stream("s").isPresent(), "the stream keeps running");
        h.update(Map.of("mid.tag", "ok"));
        Await.until("ONLINE again", 5000, () -> log.last("s") == StreamState.ONLINE);
        h.close();
    }

    @Test
    void outputBelowInputRateIsDegradedAndStatusIsPeriodic() throws Exception {
        StreamHandle h = engine.start(pipeline(QueuePolicy.LATEST, Map.of("interval", 2), Map.of("delay", 25)), "s",
                Map.of());
        Await.until("DEGRADED by rate", 5000, () -> log.last("s") == StreamState.DEGRADED);
        assertTrue(h.status().reason().startsWith("output at "), h.status().reason());
        int events = log.states("s").size();
        Await.until("periodic events without a state change", 5000, () -> log.states("s").size() >= events + 3);
        h.update(Map.of("mid.delay", 0));
        Await.until("ONLINE once the stage keeps up", 5000, () -> log.last("s") == StreamState.ONLINE);
        h.close();
    }

    @Test
    void registeredDefinitionsRunByNameAndRunningStreamsKeepTheirRevision() throws Exception {
        PipelineDefinition first = pipeline(QueuePolicy.LATEST, Map.of("interval", 2), Map.of("tag", "one"));
        engine.register(first);
        assertEquals(List.of(first), List.copyOf(engine.definitions()));
        StreamHandle h = engine.start("p", "s", Map.of());
        PipelineDefinition second = new PipelineDefinition("p", "test", "r2", first.nodes().stream()
                .map(n -> n.name().equals("mid") ? node("mid", "probe", Map.of("tag", "two")) : n).toList(),
                first.edges(), QueuePolicy.LATEST, null);
        engine.register(second);
        assertEquals("r2", engine.definition("p").orElseThrow().revision());
        assertEquals("r1", h.definition().revision(), "the running stream keeps the revision it started with");
        Await.until("frames", 5000, () -> seen.size() > 3);
        assertTrue(seen.stream().allMatch(x -> "p/a/one".equals(x.stamp())));
        assertTrue(engine.remove("p"));
        assertTrue(engine.stream("s").isPresent(), "removing a definition does not stop its streams");
        PipelineDefinitionException e = assertThrows(PipelineDefinitionException.class,
                () -> engine.start("q", "t", Map.of()));
        assertEquals("no pipeline 'q'", e.problems().getFirst().message());
        assertThrows(IllegalStateException.class, () -> engine.start(first, "s", Map.of()), "stream ids are unique");
        assertTrue(engine.stop("s"));
        assertTrue(engine.streams().isEmpty());
        assertTrue(engine.status("s").isEmpty());
    }

    @Test
    void invalidUpdatesAreRefusedWholesale() throws Exception {
        StreamHandle h = engine.start(pipeline(QueuePolicy.LATEST, Map.of(), Map.of()), "s", Map.of());
        PipelineDefinitionException e = assertThrows(PipelineDefinitionException.class,
                () -> h.update(Map.of("mid.tag", "x", "mid.delay", "slow", "nope.x", 1, "src.format", "GRAY8")));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("parameter 'src.format' sets the output format"), e.getMessage());
        assertTrue(e.getMessage().contains("parameter 'mid.delay': expected an integer, got \"slow\""), e.getMessage());
        // Updates reach the stage in order: once a valid one arrives, a refused one applied before it would show.
        h.update(Map.of("mid.tag", "valid"));
        Await.until("the valid update at the stage", 5000, () -> journal.updates.contains("valid"));
        assertEquals(List.of("valid"), new ArrayList<>(journal.updates), "nothing of the refused update applied");
        h.close();
    }

    @Test
    void steadyStateAllocatesNoFrameBuffers() throws Exception {
        StreamHandle h = engine.start(pipeline(QueuePolicy.LATEST, Map.of("interval", 1), Map.of()), "s", Map.of());
        Await.until("frames", 5000, () -> seen.size() > 50);
        long allocated = engine.pool().allocated();
        int before = seen.size();
        Await.until("200 more frames", 10_000, () -> seen.size() > before + 200);
        assertEquals(allocated, engine.pool().allocated(), "no pixel buffer allocated in steady state");
        assertTrue(allocated <= 4, "a 3-node stream needs a handful of buffers: " + allocated);
        h.close();
    }

    @Test
    void failingStartLeavesNothingRunning() {
        engine.addProvider(new TestStages.Provider(TestStages.probe("bad", "x", journal).descriptor(),
                () -> new PlainStage() {
                    @Override
                    public void start() throws Exception {
                        throw new Exception("no model");
                    }

                    @Override
                    public org.framegrid.api.frame.Frame process(org.framegrid.api.frame.Frame in) {
                        return in;
                    }
                }), 0, 9, "t");
        PipelineDefinition d = TestStages.linear("b", QueuePolicy.LATEST, node("src", "gen", Map.of()),
                node("mid", "bad", Map.of()), node("out", "sink", Map.of()));
        PipelineDefinitionException e = assertThrows(PipelineDefinitionException.class,
                () -> engine.start(d, "s", Map.of()));
        assertTrue(e.getMessage().contains("node 'mid' (bad) failed to start: no model"),
                e.getMessage());
        assertEquals(0, engine.frameThreads());
        assertTrue(engine.streams().isEmpty());
    }
}
