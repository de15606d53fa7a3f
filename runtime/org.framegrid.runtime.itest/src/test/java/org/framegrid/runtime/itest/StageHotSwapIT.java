package org.framegrid.runtime.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.framegrid.api.frame.MetaKey;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.api.stage.FrameListener;
import org.framegrid.testing.Await;
import org.junit.Test;
import org.osgi.framework.ServiceRegistration;

/**
 * The headline: a stage's bundle is replaced under a live 30 fps stream through the hot-deploy folder. The stream
 * never stops, loses at most one frame, and every frame after the swap carries the new version's stamp. Then the
 * bundle is removed (the stream bypasses the stage and reports DEGRADED) and brought back (ONLINE again).
 */
public class StageHotSwapIT extends NodeTest {

    private static final MetaKey<String> STAMP = new MetaKey<>("framegrid.sample.stamp", String.class);

    /** What the collect sink saw: the frame's sequence number and stamp (null when the stage was bypassed). */
    private record Seen(long sequence, String stamp) {
    }

    @Inject
    private PipelineService pipelines;

    @Inject
    private StageCatalog catalog;

    @Test
    public void stageBundleIsReplacedRemovedAndRestoredUnderALiveStream() throws Exception {
        Path deployed = Path.of(context.getProperty("felix.fileinstall.dir")).resolve("stamp.jar");
        Path firstRelease = NodeBundles.sample("org.framegrid.sample.stamp");
        Files.copy(firstRelease, deployed);
        Await.until("the stamp stage type appears", WAIT_MILLIS, () -> catalog.find("stamp").isPresent());

        List<Seen> seen = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> properties = new Hashtable<>();
        ServiceRegistration<FrameListener> listener = context.registerService(FrameListener.class,
                (stream, node, frame) -> seen.add(new Seen(frame.sequence(), frame.meta(STAMP))), properties);
        try (StreamHandle stream = pipelines.start(pipeline(), "swap-test", Map.of())) {
            Await.until("frames flow", WAIT_MILLIS, () -> seen.size() >= 15);
            assertTrue(seen.get(0).stamp(), seen.get(0).stamp().startsWith("org.framegrid.sample.stamp 0.1.0"));

            // 1. Update: a newer release moved over the deployed jar while frames flow.
            Path next = deployed.resolveSibling("stamp-next.jar");
            Bundles.withHeaders(firstRelease, next, Map.of("Bundle-Version", "0.2.0.second"));
            Files.move(next, deployed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Await.until("frames carry the new version's stamp", WAIT_MILLIS,
                    () -> indexOfStamp(seen, "0.2.0.second") >= 0);
            int swap = indexOfStamp(seen, "0.2.0.second");
            Await.until("the stream keeps flowing after the swap", WAIT_MILLIS, () -> seen.size() >= swap + 30);
            List<Seen> window = List.copyOf(seen);
            assertEquals("every frame after the swap went through the new version", List.of(),
                    window.subList(swap, window.size()).stream()
                            .filter(s -> s.stamp() == null || !s.stamp().contains("0.2.0.second")).toList());
            assertTrue("at most one frame lost: " + gaps(window), lost(window) <= 1);
            long bypassed = window.subList(0, swap).stream().filter(s -> s.stamp() == null).count();
            System.out.printf("stage swap under a 30 fps stream: %d frames seen, %d lost, %d passed unstamped while "
                    + "the bundle was updated (bypass between the old provider's unbind and the new one's bind)%n",
                    window.size(), lost(window), bypassed);
            assertEquals(StreamState.ONLINE, stream.status().state());

            // 2. Removal: no provider left, the stage is bypassed and the stream reports DEGRADED.
            Files.delete(deployed);
            int removal = seen.size();
            Await.until("the stream bypasses the missing stage", WAIT_MILLIS,
                    () -> seen.size() > removal + 15 && seen.get(seen.size() - 1).stamp() == null);
            assertEquals(StreamState.DEGRADED, stream.status().state());

            // 3. Return: the provider comes back, the stream is ONLINE and stamped again.
            Files.copy(firstRelease, deployed);
            Await.until("stamped again", WAIT_MILLIS, () -> {
                String last = seen.get(seen.size() - 1).stamp();
                return last != null && last.startsWith("org.framegrid.sample.stamp 0.1.0");
            });
            Await.until("ONLINE again", WAIT_MILLIS, () -> stream.status().state() == StreamState.ONLINE);
            assertTrue("the stream ran throughout", pipelines.stream("swap-test").isPresent());
            assertTrue("sequence numbers only grow", increasing(List.copyOf(seen)));
        } finally {
            listener.unregister();
        }
    }

    /**
     * test-source (30 fps) → stamp → collect, with blocking queues: nothing is dropped for load, so a lost frame can
     * only be the swap's doing.
     */
    private static PipelineDefinition pipeline() {
        return new PipelineDefinition("stamp-swap", "StageHotSwapIT", "1", List.of(
                new NodeDefinition("source", "test-source", Map.of("width", 64, "height", 48, "fps", 30.0)),
                new NodeDefinition("mark", "stamp", Map.of()),
                new NodeDefinition("sink", "collect", Map.of())),
                List.of(new EdgeDefinition("source", "mark", null), new EdgeDefinition("mark", "sink", null)),
                QueuePolicy.BLOCK, null);
    }

    private static int indexOfStamp(List<Seen> seen, String version) {
        for (int i = 0; i < seen.size(); i++) {
            String stamp = seen.get(i).stamp();
            if (stamp != null && stamp.contains(version)) {
                return i;
            }
        }
        return -1;
    }

    /** Frames missing between consecutive frames seen (sequence numbers are consecutive at the source). */
    private static long lost(List<Seen> seen) {
        long lost = 0;
        for (int i = 1; i < seen.size(); i++) {
            lost += Math.max(0, seen.get(i).sequence() - seen.get(i - 1).sequence() - 1);
        }
        return lost;
    }

    private static List<String> gaps(List<Seen> seen) {
        List<String> gaps = new ArrayList<>();
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i).sequence() != seen.get(i - 1).sequence() + 1) {
                gaps.add(seen.get(i - 1).sequence() + "->" + seen.get(i).sequence());
            }
        }
        return gaps;
    }

    private static boolean increasing(List<Seen> seen) {
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i).sequence() <= seen.get(i - 1).sequence()) {
                return false;
            }
        }
        return true;
    }
}
