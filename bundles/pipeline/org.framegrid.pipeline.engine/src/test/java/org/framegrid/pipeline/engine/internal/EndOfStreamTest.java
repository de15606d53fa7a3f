package org.framegrid.pipeline.engine.internal;

import static org.framegrid.pipeline.engine.internal.TestStages.linear;
import static org.framegrid.pipeline.engine.internal.TestStages.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A source that ends its stream: every frame still goes through, then the stream stops by itself. */
class EndOfStreamTest {

    private final Engine engine = new Engine(60_000, false);
    private final Queue<TestStages.Seen> seen = new ConcurrentLinkedQueue<>();
    private final TestStages.Journal journal = new TestStages.Journal();

    @AfterEach
    void close() {
        engine.close();
    }

    private void providers() {
        engine.addProvider(TestStages.source(), 0, 1, "t");
        engine.addProvider(TestStages.probe("probe", "p", journal), 0, 2, "t");
        engine.addProvider(TestStages.sink(seen), 0, 3, "t");
    }

    @Test
    void everyFrameGoesThroughThenTheStreamEndsByItself() throws Exception {
        providers();
        StreamHandle stream = engine.start(linear("eos", QueuePolicy.BLOCK,
                node("gen", "gen", Map.of("count", 200, "interval", 0, "end", true)),
                node("a", "probe", Map.of("delay", 1)),
                node("b", "probe", Map.of()),
                node("sink", "sink", Map.of())), "eos-1", Map.of());
        assertTrue(stream.awaitEnd(30, TimeUnit.SECONDS), "the stream ends by itself");
        assertEquals(200, seen.size(), "no frame lost at the end");
        assertTrue(engine.stream("eos-1").isEmpty(), "an ended stream is gone from the engine");
        assertEquals(0, engine.frameThreads(), "its threads ended");
        assertEquals(0, engine.pool().outstanding(), "every frame released");
        assertTrue(journal.events.stream().filter(e -> e.contains("stop")).count() >= 2, "stages stopped: " + journal.events);
    }

    @Test
    void aNodeFedByTwoSourcesEndsAfterBoth() throws Exception {
        providers();
        PipelineDefinition tee = new PipelineDefinition("two", "test", "r1", List.of(
                new NodeDefinition("short", "gen", Map.of("count", 10, "interval", 0, "end", true)),
                new NodeDefinition("long", "gen", Map.of("count", 60, "interval", 1, "end", true)),
                new NodeDefinition("sink", "sink", Map.of())),
                List.of(new EdgeDefinition("short", "sink", null), new EdgeDefinition("long", "sink", null)),
                QueuePolicy.BLOCK, null);
        StreamHandle stream = engine.start(tee, "eos-2", Map.of());
        assertTrue(stream.awaitEnd(30, TimeUnit.SECONDS));
        assertEquals(70, seen.size(), "both sources' frames arrived");
    }

    @Test
    void aStreamWithoutEndRunsUntilClosed() throws Exception {
        providers();
        StreamHandle stream = engine.start(linear("live", QueuePolicy.LATEST,
                node("gen", "gen", Map.of("count", 5, "interval", 0)),
                node("sink", "sink", Map.of())), "live-1", Map.of());
        assertFalse(stream.awaitEnd(300, TimeUnit.MILLISECONDS), "a live source that idles does not end the stream");
        stream.close();
        assertTrue(stream.awaitEnd(1, TimeUnit.SECONDS), "closing ends it");
    }
}
