package org.framegrid.orchestrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.node.api.MetricSampleList;
import org.framegrid.node.api.Readiness;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Await;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.junit.jupiter.api.Test;

/** What an operator sees of an orchestrator: slots in use, starts refused when all are taken, readiness. */
class OrchestratorMetricsTest {

    @Test
    void aStartOverCapacityIsCountedAsRefused() {
        OrchestratorSettings settings = new OrchestratorSettings("0xo", "127.0.0.1", 0, false, List.of("p"), 1,
                BigInteger.ONE, 10, 1000);
        // Reserving a slot needs none of the node's services: only the bookkeeping is exercised.
        SessionManager sessions = new SessionManager(settings, null, null, null, null);
        assertNotNull(sessions.reserve());
        assertNull(sessions.reserve(), "the only slot is taken");

        MetricSampleList metrics = new MetricSampleList();
        OrchestratorMetrics.write(settings, sessions, metrics);
        Map<String, String> labels = Map.of("orchestrator", "0xo");
        assertEquals(1.0, metrics.value("framegrid_orchestrator_capacity", labels).orElseThrow());
        assertEquals(1.0, metrics.value("framegrid_orchestrator_sessions_in_use", labels).orElseThrow());
        assertEquals(0.0, metrics.value("framegrid_orchestrator_sessions", labels).orElseThrow(), "none running yet");
        assertEquals(1.0, metrics.value("framegrid_orchestrator_sessions_refused", labels).orElseThrow());
        assertEquals(0.0, metrics.value("framegrid_orchestrator_sessions_started", labels).orElseThrow());
    }

    @Test
    void readyOnceTheAdvertisedPipelinesAreRegisteredAndAReceiverIsBound() throws Exception {
        OrchestratorSettings settings = new OrchestratorSettings("0xo", "127.0.0.1", 0, false, List.of("p"), 1,
                BigInteger.ONE, 10, 1000);
        try (EmbeddedEngine engine = new EmbeddedEngine(1000, false);
             MemorySegmentChannels channels = new MemorySegmentChannels(5)) {
            engine.addProvider(Providers.stage("test-source"), 0, 1, "util");
            engine.addProvider(Providers.stage("collect"), 0, 2, "util");
            PaymentReceivers receivers = new PaymentReceivers();
            PipelineWarmup warmup = new PipelineWarmup(settings, engine, channels);
            warmup.start();
            Readiness cold = OrchestratorReadiness.check(settings, engine, receivers, warmup);
            assertFalse(cold.ready());
            assertEquals("advertised pipelines not registered: [p] (a pipelines/NAME.yaml whose stages are all "
                    + "installed); no payment receiver (the payment bundle is missing)", cold.detail());

            engine.register(new PipelineDefinition("p", "test", "1", List.of(
                    new NodeDefinition("source", "test-source", Map.of()), new NodeDefinition("sink", "collect",
                            Map.of())), List.of(new EdgeDefinition("source", "sink", null)), QueuePolicy.LATEST,
                    null));
            // Only its presence counts here: a receiver that is never called.
            receivers = PaymentReceivers.of((PaymentReceiver) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PaymentReceiver.class}, (proxy, method, args) -> {
                        throw new AssertionError("readiness does not call the receiver: " + method);
                    }));
            // p has no encode node: its warm-up fails, and the node is ready all the same (PipelineWarmupTest).
            Await.until("warm-up over", 30_000, () -> warmup.states().get("p") == PipelineWarmup.State.FAILED);
            Readiness ready = OrchestratorReadiness.check(settings, engine, receivers, warmup);
            assertTrue(ready.ready(), ready.detail());
            assertEquals("orchestrator 0xo", ready.check());
            warmup.close();
        }
    }
}
