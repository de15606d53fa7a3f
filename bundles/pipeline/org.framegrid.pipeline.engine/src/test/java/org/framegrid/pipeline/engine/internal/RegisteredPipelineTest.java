package org.framegrid.pipeline.engine.internal;

import static org.framegrid.pipeline.engine.internal.TestStages.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.pipeline.engine.internal.TestStages.Seen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A registered pipeline is assembled once; streams started by name plan from that assembly with their own parameters,
 * and it is assembled again when stage providers changed in between.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RegisteredPipelineTest {
    private final Engine engine = new Engine(60_000, false);
    private final Queue<Seen> sunk = new ConcurrentLinkedQueue<>();

    @AfterEach
    void close() {
        engine.close();
    }

    /** A sink "out" of version {@code label}, with a property "level" from version 2 on. */
    private static TestStages.Provider out(String label, boolean withLevel, Queue<Seen> sunk) {
        List<PropertyDescriptor> properties = withLevel
                ? List.of(new PropertyDescriptor("level", PropertyType.INTEGER, 1L, false, 0, 9, "since 2"))
                : List.of();
        return new TestStages.Provider(new StageDescriptor("out", "Sink/Test", label, TestStages.ALL,
                OutputRule.NONE, java.util.Set.of(), null, properties), TestStages.sink(sunk)::create);
    }

    @Test
    void streamsOfARegisteredPipelineFollowTheProvidersOfTheirStart() throws Exception {
        engine.addProvider(TestStages.source(), 0, 1, "t");
        engine.addProvider(out("v1", false, sunk), 0, 2, "t");
        engine.register(TestStages.linear("p", QueuePolicy.BLOCK,
                node("src", "gen", Map.of("interval", 0, "count", 10, "end", true)), node("sink", "out", Map.of())));

        // Per-stream parameters apply to the registered assembly: each stream gets its own values.
        StreamHandle small = engine.start("p", "small", Map.of("src.size", 8));
        StreamHandle large = engine.start("p", "large", Map.of("src.size", 32, "src.format", "GRAY8"));
        assertTrue(small.awaitEnd(5, TimeUnit.SECONDS) && large.awaitEnd(5, TimeUnit.SECONDS));
        assertEquals(20, sunk.size());

        PipelineDefinitionException unknown = assertThrows(PipelineDefinitionException.class,
                () -> engine.start("p", "early", Map.of("sink.level", 3)));
        assertTrue(unknown.getMessage().contains("unknown property 'level'"), unknown.getMessage());

        // Version 2 of the sink type brings the property: the next start assembles the pipeline again.
        engine.addProvider(out("v2", true, sunk), 5, 3, "t");
        StreamHandle leveled = engine.start("p", "leveled", Map.of("sink.level", 3));
        assertTrue(leveled.awaitEnd(5, TimeUnit.SECONDS));
        assertEquals(30, sunk.size());
        assertEquals("p", engine.definition("p").orElseThrow().name(), "the definition itself is unchanged");
    }
}
