package org.framegrid.pipeline.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.framegrid.pipeline.engine.internal.TestStages.Seen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * What the tests of live streams share: an engine that publishes status every 100 ms into {@link #log}, with the
 * test source ({@code gen}) and a sink that records what it sees into {@link #seen}. After each test the engine is
 * closed, and then no frame thread may run and no frame may be borrowed from the pool.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class LiveEngineTest {
    final Engine engine = new Engine(100, false);
    final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    final StatusLog log = new StatusLog();

    LiveEngineTest() {
        engine.addProvider(TestStages.source(), 0, 1, "t");
        engine.addProvider(TestStages.sink(seen), 0, 2, "t");
        engine.addListener(log);
    }

    @AfterEach
    void closeWithoutLeaks() {
        engine.close();
        assertEquals(0, engine.frameThreads(), "every frame thread ended");
        assertEquals(0, engine.pool().outstanding(), "every frame back in the pool");
    }
}
