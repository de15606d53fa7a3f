package org.framegrid.pipeline.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.framegrid.pipeline.engine.internal.TestStages.Journal;
import org.framegrid.pipeline.engine.internal.TestStages.Seen;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An engine with the test catalog most stream tests run: {@code src} (provider 1), {@code probe} (2) and a sink that
 * keeps what reaches it in {@link #seen} (3). Registered with {@code @RegisterExtension}, it closes the engine after
 * each test and checks that every frame went back to the pool, as counted by the pool and by its status view.
 */
final class ProbeEngine implements AfterEachCallback {
    final Engine engine = new Engine(100, false);
    final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

    ProbeEngine() {
        engine.addProvider(TestStages.source(), 0, 1, "t");
        engine.addProvider(TestStages.probe("probe", "p", new Journal()), 0, 2, "t");
        engine.addProvider(TestStages.sink(seen), 0, 3, "t");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        engine.close();
        assertEquals(0, engine.pool().outstanding(), "every frame back in the pool");
        assertEquals(0, engine.framePool().borrowed(), "every frame back in the pool (status)");
    }
}
