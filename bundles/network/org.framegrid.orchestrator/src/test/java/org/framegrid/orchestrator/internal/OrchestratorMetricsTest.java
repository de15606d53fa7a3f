package org.framegrid.orchestrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.util.List;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.Model;
import org.framegrid.node.api.MetricSampleList;
import org.framegrid.node.api.Readiness;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.trickle.channel.SegmentWriter;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of an orchestrator: slots in use, starts refused when all are taken, media bytes each way,
 * readiness (pipelines registered, their models warm, a payment receiver).
 */
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
        assertEquals(0.0, metrics.value("framegrid_orchestrator_bytes", Map.of("direction", "in")).orElseThrow());
        assertEquals(0.0, metrics.value("framegrid_orchestrator_bytes", Map.of("direction", "out")).orElseThrow());
    }

    @Test
    void mediaBytesAreCountedEachWayAsTheServerMovesThem() throws Exception {
        SegmentChannels channels = new MemorySegmentChannels(4);
        LongAdder bytes = new LongAdder();
        SegmentChannel counted = new CountedChannel(channels.open("s"), bytes);
        try (SegmentWriter w = counted.publish()) {
            w.write(new byte[1000], 0, 1000);
            w.write(7);
        }
        assertEquals(1001, bytes.sum(), "published into the channel");
        try (InputStream in = counted.await(0, 1, TimeUnit.SECONDS).bytes()) {
            assertEquals(1001, in.readAllBytes().length);
        }
        assertEquals(2002, bytes.sum(), "and read out of it once");
    }

    @Test
    void notReadyUntilABackendHoldsTheAdvertisedPipelinesModelWarm() throws Exception {
        OrchestratorSettings settings = new OrchestratorSettings("0xo", "127.0.0.1", 0, false, List.of("faces"), 1,
                BigInteger.ONE, 10, 1000);
        InferenceBackend cpu = Providers.cpuBackend();
        try (EmbeddedEngine engine = new EmbeddedEngine(1000, false)) {
            engine.addProvider(Providers.stage("test-source"), 0, 1, "util");
            engine.addProvider(Providers.stage("detect-faces"), 0, 2, "faces");
            engine.addProvider(Providers.stage("collect"), 0, 3, "util");
            // detect-faces without a model property: its default, blazeface-front, is the model it runs.
            engine.register(new PipelineDefinition("faces", "test", "1", List.of(
                    new NodeDefinition("source", "test-source", Map.of()),
                    new NodeDefinition("faces", "detect-faces", Map.of()),
                    new NodeDefinition("sink", "collect", Map.of())), List.of(new EdgeDefinition("source", "faces",
                    null), new EdgeDefinition("faces", "sink", null)), QueuePolicy.LATEST, null));
            PaymentReceivers receivers = PaymentReceivers.of((PaymentReceiver) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {PaymentReceiver.class}, (proxy, method, args) -> {
                        throw new AssertionError("readiness does not call the receiver: " + method);
                    }));
            Model blazeface = Fixtures.bundled("blazeface-front");
            ModelWarmth warmth = new ModelWarmth();
            warmth.addModel("blazeface-front");
            warmth.addBackend(cpu);
            Readiness cold = OrchestratorReadiness.check(settings, engine, engine, warmth, receivers);
            assertFalse(cold.ready(), cold.detail());
            assertEquals("models cold: [blazeface-front (pipeline faces)] (no backend holds them loaded yet: a "
                    + "session or warming at start loads them)", cold.detail());

            byte[] bytes;
            try (InputStream in = blazeface.open()) {
                bytes = in.readAllBytes();
            }
            try (LoadedModel loaded = cpu.load(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip(),
                    blazeface.descriptor(), InferenceOptions.DEFAULT)) {
                Readiness warm = OrchestratorReadiness.check(settings, engine, engine, warmth, receivers);
                assertTrue(warm.ready(), warm.detail());
                assertEquals("pipelines [faces] registered, models [blazeface-front] warm, a payment receiver bound",
                        warm.detail());
            }
            assertFalse(OrchestratorReadiness.check(settings, engine, engine, warmth, receivers).ready(),
                    "closed again: cold");
        }
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
            Readiness cold = OrchestratorReadiness.check(settings, engine, engine, new ModelWarmth(), receivers);
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
            Readiness ready = OrchestratorReadiness.check(settings, engine, engine, new ModelWarmth(), receivers);
            assertTrue(ready.ready(), ready.detail());
            assertEquals("orchestrator 0xo", ready.check());
        }
    }
}
