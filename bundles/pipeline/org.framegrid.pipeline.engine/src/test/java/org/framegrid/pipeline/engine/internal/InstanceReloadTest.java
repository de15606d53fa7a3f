package org.framegrid.pipeline.engine.internal;

import static org.framegrid.pipeline.engine.internal.TestStages.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageMode;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.pipeline.engine.internal.TestStages.Seen;
import org.framegrid.testing.Await;
import org.framegrid.testing.PlainStage;
import org.junit.jupiter.api.Test;

/**
 * A stage instance whose resource changes under it (a model stage, see StageModels) asks the engine through its
 * context: {@code reload} swaps in a fresh instance at a frame boundary, {@code unavailable} bypasses the node and
 * degrades the stream until then, {@code using} shows in the status. Calls from a replaced instance change nothing.
 */
class InstanceReloadTest extends LiveEngineTest {
    /** The context of every instance of "resource", in creation order. */
    private final List<StageContext> contexts = new CopyOnWriteArrayList<>();

    InstanceReloadTest() {
        engine.addProvider(resource(), 0, 3, "stage:1.0.0");
    }

    /** Filter "resource": stamps frames with its instance number and names its resource "r<n>". */
    private TestStages.Provider resource() {
        StageDescriptor d = new StageDescriptor("resource", "Filter/Test", "stamps frames", TestStages.ALL,
                OutputRule.SAME_AS_INPUT, Set.of(), null, List.of());
        return new TestStages.Provider(d, () -> new PlainStage() {
            int number;

            @Override
            public void start() {
                contexts.add(context);
                number = contexts.size();
                context.using("r" + number);
            }

            @Override
            public Frame process(Frame in) {
                in.meta(TestStages.STAMP, "#" + number);
                return in;
            }
        });
    }

    @Test
    void unavailableBypassesAndDegradesUntilAReloadBringsAFreshInstance() throws Exception {
        StreamHandle h = engine.start(TestStages.linear("r", QueuePolicy.BLOCK,
                node("src", "gen", Map.of("interval", 10)), node("mid", "resource", Map.of()),
                node("out", "sink", Map.of())), "s", Map.of());
        Await.until("ONLINE", 5000, () -> log.last("s") == StreamState.ONLINE);
        assertEquals("stage:1.0.0 (r1)", mid(h).provider());
        awaitFrames(5);

        contexts.get(0).unavailable("model m 1.0 was removed");
        Await.until("DEGRADED", 5000, () -> h.status().state() == StreamState.DEGRADED);
        assertEquals(StageMode.BYPASSED, mid(h).mode());
        assertNull(mid(h).provider());
        assertEquals("node 'mid' (resource) bypassed: model m 1.0 was removed", h.status().reason());
        int bypassedFrom = seen.size();
        awaitFrames(5);
        assertNull(last().stamp(), "frames pass the unavailable instance untouched");

        contexts.get(0).reload("model m 1.0 is back");
        Await.until("ONLINE with a fresh instance", 5000,
                () -> h.status().state() == StreamState.ONLINE && "#2".equals(last().stamp()));
        assertEquals("stage:1.0.0 (r2)", mid(h).provider());
        assertTrue(seen.size() > bypassedFrom);

        // The first instance is gone: what it says now changes nothing.
        contexts.get(0).unavailable("stale");
        contexts.get(0).reload("stale");
        awaitFrames(10);
        assertEquals(2, contexts.size(), "no reload from a replaced instance");
        assertEquals(StreamState.ONLINE, h.status().state());
        assertEquals("#2", last().stamp());
        assertContinuous();
        h.close();
    }

    private StageStatus mid(StreamHandle h) {
        return h.status().stages().get(1);
    }

    private Seen last() {
        Seen last = null;
        for (Seen s : seen) {
            last = s;
        }
        return last;
    }

    private void awaitFrames(int more) {
        int n = seen.size();
        Await.until(more + " more frames", 5000, () -> seen.size() >= n + more);
    }

    /** Blocking queues and a swap at a frame boundary: no frame lost, in order. */
    private void assertContinuous() {
        List<Long> seq = seen.stream().map(Seen::sequence).toList();
        for (int i = 1; i < seq.size(); i++) {
            assertEquals(seq.get(i - 1) + 1, seq.get(i), "consecutive: " + seq);
        }
    }
}
