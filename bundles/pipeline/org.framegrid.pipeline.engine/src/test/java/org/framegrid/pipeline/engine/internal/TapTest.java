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
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamTap;
import org.framegrid.pipeline.engine.internal.TestStages.Seen;
import org.framegrid.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-stream taps: a stream's owner sees the frames that reach one node of its own stream, and nothing else. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TapTest {
    @RegisterExtension
    final ProbeEngine probe = new ProbeEngine();
    private final Engine engine = probe.engine;
    private final Queue<Seen> sunk = probe.seen;

    /** {@code count} frames, one every {@code interval} ms, then the end of the stream. */
    private StreamHandle start(String id, int count, int interval) throws Exception {
        return engine.start(TestStages.linear("p", QueuePolicy.BLOCK,
                node("src", "gen", Map.of("interval", interval, "count", count, "end", true)),
                node("mid", "probe", Map.of("tag", id)), node("out", "sink", Map.of())), id, Map.of());
    }

    @Test
    void aTapSeesEveryFrameThatReachesItsNodeOfItsStreamOnly() throws Exception {
        Queue<String> tapped = new ConcurrentLinkedQueue<>();
        StreamHandle a = start("a", 200, 2); // 0.4 s: the tap is added long before the end
        a.tap("out", (stream, node, frame) -> tapped.add(stream + "/" + node + "/" + frame.sequence() + "/"
                + frame.meta(TestStages.STAMP)));
        StreamHandle b = start("b", 200, 2);
        assertTrue(a.awaitEnd(10, TimeUnit.SECONDS) && b.awaitEnd(10, TimeUnit.SECONDS), "both streams ended");
        List<String> seenByA = sunk.stream().filter(s -> s.stamp().endsWith("/a"))
                .map(s -> "a/out/" + s.sequence() + "/" + s.stamp()).toList();
        assertEquals(200, seenByA.size());
        // The tap was added after the stream started: it sees a suffix of what the sink saw, in the same order.
        assertTrue(!tapped.isEmpty() && seenByA.subList(seenByA.size() - tapped.size(), seenByA.size())
                .equals(List.copyOf(tapped)), "tapped " + tapped.size() + " of the sink's " + seenByA.size());
    }

    @Test
    void aClosedTapGetsNoMoreFramesAndAFailingTapDoesNotStopTheStream() throws Exception {
        AtomicLong counted = new AtomicLong();
        StreamHandle h = start("s", Integer.MAX_VALUE, 0);
        StreamTap tap = h.tap("mid", (stream, node, frame) -> counted.incrementAndGet());
        h.tap("mid", (stream, node, frame) -> {
            throw new IllegalStateException("tap bug");
        });
        Await.until("frames tapped", 5000, () -> counted.get() >= 50);
        tap.close();
        tap.close(); // idempotent
        long atClose = counted.get();
        long sunkAtClose = sunk.size();
        Await.until("frames still flowing", 5000, () -> sunk.size() >= sunkAtClose + 50);
        assertEquals(atClose, counted.get(), "no frame after close");
        StageStatus mid = h.status().stages().stream().filter(s -> s.node().equals("mid")).findFirst().orElseThrow();
        assertTrue(mid.errors() >= 50 && mid.lastError().contains("tap bug"), mid.errors() + " " + mid.lastError());
    }

    @Test
    void onlyNodesWithAnInputCanBeTapped() throws Exception {
        StreamHandle h = start("s", 10, 2);
        IllegalArgumentException source = assertThrows(IllegalArgumentException.class,
                () -> h.tap("src", (stream, node, frame) -> { }));
        assertTrue(source.getMessage().contains("'src'") && source.getMessage().contains("source"),
                source.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> h.tap("nope", (stream, node, frame) -> { }));
        assertTrue(unknown.getMessage().contains("no node 'nope'"), unknown.getMessage());
    }
}
