package org.framegrid.pipeline.engine.internal;

import static org.framegrid.pipeline.engine.internal.TestStages.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.junit.jupiter.api.Test;

/** App events wait per node in a bounded queue: in order, each once, the oldest dropped when it is full. */
class NodeEventsTest {

    @Test
    void eventsComeOutInOrderAndAFullQueueDropsTheOldest() {
        NodeEvents events = new NodeEvents();
        for (int i = 0; i < NodeEvents.CAPACITY + 3; i++) {
            events.offer(Map.of("id", i));
        }
        assertEquals(3, events.dropped());
        for (int i = 3; i < NodeEvents.CAPACITY + 3; i++) {
            assertEquals(i, events.poll().get("id"));
        }
        assertNull(events.poll());
    }

    @Test
    void anEventForANodeTheStreamDoesNotHaveIsRefusedNamingItsNodes() throws Exception {
        Queue<TestStages.Seen> sunk = new ConcurrentLinkedQueue<>();
        try (Engine engine = new Engine(100, false)) {
            engine.addProvider(TestStages.source(), 0, 1, "t");
            engine.addProvider(TestStages.sink(sunk), 0, 2, "t");
            StreamHandle h = engine.start(TestStages.linear("p", QueuePolicy.LATEST,
                    node("src", "gen", Map.of("interval", 5, "count", 10)), node("out", "sink", Map.of())), "s",
                    Map.of());
            h.send("src", Map.of("id", 1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> h.send("nope", Map.of("id", 2)));
            assertTrue(e.getMessage().contains("no node 'nope'") && e.getMessage().contains("src"), e.getMessage());
        }
    }
}
