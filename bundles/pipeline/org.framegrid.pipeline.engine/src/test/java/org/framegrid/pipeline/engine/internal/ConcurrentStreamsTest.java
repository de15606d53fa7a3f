package org.framegrid.pipeline.engine.internal;

import static org.framegrid.pipeline.engine.internal.TestStages.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.pipeline.engine.internal.TestStages.Journal;
import org.framegrid.pipeline.engine.internal.TestStages.Seen;
import org.framegrid.testing.Await;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/** Sixteen streams start, run and stop with no thread and no pooled-buffer leak. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentStreamsTest {

    private static Set<String> frameThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("framegrid-") && !n.startsWith("framegrid-engine-"))
                .collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "virtual frame threads: {0}")
    @ValueSource(booleans = {false, true})
    void sixteenStreamsRunAndLeaveNothingBehind(boolean virtual) throws Exception {
        Set<String> threadsBefore = frameThreadNames();
        Queue<Seen> seen = new ConcurrentLinkedQueue<>();
        Journal journal = new Journal();
        try (Engine engine = new Engine(100, virtual)) {
            engine.addProvider(TestStages.source(), 0, 1, "t");
            engine.addProvider(TestStages.probe("probe", "p", journal), 0, 2, "t");
            engine.addProvider(TestStages.sink(seen), 0, 3, "t");
            PipelineDefinition d = TestStages.linear("p", QueuePolicy.LATEST,
                    node("src", "gen", Map.of("interval", 5, "size", 64)), node("a", "probe", Map.of()),
                    node("b", "probe", Map.of()), node("out", "sink", Map.of()));
            engine.register(d);
            List<StreamHandle> handles = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                handles.add(engine.start("p", "s" + i, Map.of("a.tag", "s" + i)));
            }
            assertEquals(16 * 4, engine.frameThreads());
            // Platform threads are visible to getAllStackTraces; virtual ones only to the engine's count.
            assertEquals(virtual ? 0 : 16 * 4, frameThreadNames().size() - threadsBefore.size());
            Await.until("every stream delivers 20 frames", 20_000, () -> {
                for (StreamHandle h : handles) {
                    if (h.status().stages().getLast().processed() < 20) {
                        return false;
                    }
                }
                return true;
            });
            assertTrue(engine.pool().outstanding() > 0, "frames are in flight while streaming");
            // Stop them all at once, from several threads, as a node shutting down would.
            handles.parallelStream().forEach(StreamHandle::close);
            assertEquals(0, engine.frameThreads(), "every frame thread ended");
            assertEquals(threadsBefore, frameThreadNames(), "no frame thread left");
            assertEquals(0, engine.pool().outstanding(), "every pooled frame returned");
            assertTrue(engine.streams().isEmpty());
            assertEquals(32, journal.instances.get());
            assertEquals(32, journal.events.stream().filter(e -> e.startsWith("stop")).count(),
                    "every stage instance stopped");
            assertTrue(engine.pool().allocated() < 16 * 8, "buffers are reused: " + engine.pool().allocated());
        }
        Await.until("the engine's own threads to end", 5000,
                () -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(
                        "framegrid-engine-status")));
    }
}
