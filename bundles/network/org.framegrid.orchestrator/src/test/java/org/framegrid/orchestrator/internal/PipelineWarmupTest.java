package org.framegrid.orchestrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.media.embedded.EmbeddedMedia;
import org.framegrid.node.api.Readiness;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Await;
import org.framegrid.testing.Delay;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An orchestrator warms the pipelines it offers before it reports ready: generated frames run through the offered
 * pipeline's decode → stages → encode once, and nothing of the warm-up is left running. A warm-up that cannot run
 * (here: no stage to make its frames) does not keep the node from being ready; its sessions start cold.
 */
@Timeout(90)
class PipelineWarmupTest {
    private static final OrchestratorSettings SETTINGS = new OrchestratorSettings("0xo", "127.0.0.1", 0, false,
            List.of("live"), 1, BigInteger.ONE, 10, 1000);
    /** Present, never called: readiness only asks whether one is bound. */
    private static final PaymentReceivers PAID = PaymentReceivers.of(
            (PaymentReceiver) java.lang.reflect.Proxy.newProxyInstance(PipelineWarmupTest.class.getClassLoader(),
                    new Class<?>[] {PaymentReceiver.class}, (proxy, method, args) -> {
                        throw new AssertionError("not called: " + method);
                    }));

    @Test
    void theOfferedPipelineRunsItsWarmUpFramesBeforeTheNodeIsReady() throws Exception {
        try (MemorySegmentChannels channels = new MemorySegmentChannels(5);
             EmbeddedEngine engine = engine(channels, true)) {
            PipelineWarmup warmup = new PipelineWarmup(SETTINGS, engine, channels);
            Readiness before = OrchestratorReadiness.check(SETTINGS, engine, engine, new ModelWarmth(), PAID, warmup);
            assertFalse(before.ready());
            assertEquals("warming pipelines: [live]", before.detail());
            warmup.start();
            Await.until("warm", 60_000, () -> warmup.states().get("live") != PipelineWarmup.State.WARMING
                    && warmup.states().get("live") != PipelineWarmup.State.COLD);
            assertEquals(PipelineWarmup.State.WARM, warmup.states().get("live"), warmup.failures().toString());
            assertTrue(warmup.warm("live"));
            Readiness after = OrchestratorReadiness.check(SETTINGS, engine, engine, new ModelWarmth(), PAID, warmup);
            assertTrue(after.ready(), after.detail());
            assertEquals("pipelines [live] registered and warmed, a payment receiver bound", after.detail());
            assertTrue(engine.streams().isEmpty(), "the warm-up left streams running: " + engine.streams());
            warmup.close();
        }
    }

    @Test
    void aPipelineThatDropsFramesBehindASlowStageIsWarmOnceItDrained() throws Exception {
        try (MemorySegmentChannels channels = new MemorySegmentChannels(5);
             EmbeddedEngine engine = engine(channels, true)) {
            engine.addProvider(new Delay("slow", 150), 0, 9, "test"); // 6.7 fps: its latest-frame queue drops the rest
            engine.register(live(List.of("slow")));
            PipelineWarmup warmup = new PipelineWarmup(SETTINGS, engine, channels);
            warmup.start();
            Await.until("warm-up over", 60_000, () -> warmup.states().get("live") != PipelineWarmup.State.WARMING
                    && warmup.states().get("live") != PipelineWarmup.State.COLD);
            assertEquals(PipelineWarmup.State.WARM, warmup.states().get("live"), warmup.failures().toString());
            warmup.close();
        }
    }

    @Test
    void aWarmUpThatCannotRunLeavesTheNodeReadyAndSaysWhy() throws Exception {
        try (MemorySegmentChannels channels = new MemorySegmentChannels(5);
             EmbeddedEngine engine = engine(channels, false)) {
            PipelineWarmup warmup = new PipelineWarmup(SETTINGS, engine, channels);
            warmup.start();
            Await.until("warm-up over", 60_000, () -> warmup.states().get("live") == PipelineWarmup.State.FAILED);
            assertFalse(warmup.warm("live"));
            Readiness r = OrchestratorReadiness.check(SETTINGS, engine, engine, new ModelWarmth(), PAID, warmup);
            assertTrue(r.ready(), r.detail());
            assertTrue(r.detail().startsWith("pipelines [live] registered (not warmed, their sessions start cold: "
                    + "{live="), r.detail());
            assertTrue(engine.streams().isEmpty(), "the warm-up left streams running: " + engine.streams());
            warmup.close();
        }
    }

    /** decode → passthrough → encode registered as {@code live}; {@code test-source} (the warm-up's frames) or not. */
    private static EmbeddedEngine engine(MemorySegmentChannels channels, boolean withSource) throws Exception {
        EmbeddedEngine engine = new EmbeddedEngine(60_000, false);
        EmbeddedMedia media = new EmbeddedMedia(channels);
        engine.addProvider(media.decode(), 0, 1, "media");
        engine.addProvider(media.encode(), 0, 2, "media");
        engine.addProvider(Providers.stage("passthrough"), 0, 3, "util");
        if (withSource) {
            engine.addProvider(Providers.stage(PipelineWarmup.SOURCE), 0, 4, "util");
        }
        engine.register(live(List.of("passthrough")));
        return engine;
    }

    /** decode → the stages of {@code types} → encode, with latest-frame queues (as pipeline files have them). */
    private static PipelineDefinition live(List<String> types) {
        List<NodeDefinition> nodes = new java.util.ArrayList<>(List.of(new NodeDefinition(MediaStages.DECODE,
                MediaStages.DECODE, Map.of("input", "", "format", "RGB24", MediaStages.DECODE_LIVE_EDGE, true))));
        types.forEach(t -> nodes.add(new NodeDefinition(t, t, Map.of())));
        nodes.add(new NodeDefinition(MediaStages.ENCODE, MediaStages.ENCODE, Map.of("output", "", "fps", 30)));
        List<EdgeDefinition> edges = new java.util.ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            edges.add(new EdgeDefinition(nodes.get(i - 1).name(), nodes.get(i).name(), null));
        }
        return new PipelineDefinition("live", "test", "1", nodes, edges, QueuePolicy.LATEST, null);
    }
}
