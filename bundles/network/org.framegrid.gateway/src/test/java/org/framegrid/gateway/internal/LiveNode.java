package org.framegrid.gateway.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.media.embedded.EmbeddedMedia;
import org.framegrid.orchestrator.embedded.EmbeddedOrchestrator;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.webrtc.embedded.EmbeddedWebRtc;

/**
 * An orchestrator and a gateway on 127.0.0.1 sharing one engine, with the WebRTC peers and stages: the orchestrator
 * offers {@code faces-grey} (the faces pipeline, BlazeFace on the CPU with its overlay, then grey: only it makes grey
 * pictures) and {@code copy} (decode → passthrough → encode, audio carried through, no frame dropped).
 */
final class LiveNode implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();
    final Gateway gateway;
    final MemorySegmentChannels channels = new MemorySegmentChannels(5);

    LiveNode() throws Exception {
        EmbeddedEngine engine = new EmbeddedEngine(1000, false);
        open.add(engine);
        EmbeddedWebRtc webrtc = new EmbeddedWebRtc(false);
        open.add(webrtc);
        EmbeddedMedia media = new EmbeddedMedia(channels);
        engine.addProvider(media.decode(), 0, 1, "media");
        engine.addProvider(media.encode(), 0, 2, "media");
        engine.addProvider(Providers.stage("passthrough"), 0, 3, "util");
        engine.addProvider(Providers.stage("resize"), 0, 4, "util");
        engine.addProvider(webrtc.source(), 0, 5, "webrtc");
        engine.addProvider(webrtc.sink(), 0, 6, "webrtc");
        engine.addProvider(Providers.stage("overlay"), 0, 7, "util");
        engine.addProvider(Providers.stage("convert"), 0, 8, "util");
        ModelStageProvider faces = (ModelStageProvider) Providers.stage("detect-faces");
        faces.addModel(Fixtures.bundled("blazeface-front"));
        faces.setBackend(Providers.cpuBackend());
        engine.addProvider(faces, 0, 9, "faces");
        engine.register(new PipelineDefinition("faces-grey", "test", "1", List.of(
                new NodeDefinition("dec", "decode", Map.of("input", "", "format", "RGB24")),
                new NodeDefinition("faces", "detect-faces", Map.of("model", "blazeface-front", "score-threshold", 0.6)),
                new NodeDefinition("draw", "overlay", Map.of()),
                new NodeDefinition("grey", "convert", Map.of("format", "GRAY8")),
                new NodeDefinition("enc", "encode", Map.of("output", "", "fps", 30))),
                List.of(new EdgeDefinition("dec", "faces", null), new EdgeDefinition("faces", "draw", null),
                        new EdgeDefinition("draw", "grey", null), new EdgeDefinition("grey", "enc", null)),
                QueuePolicy.LATEST, null));
        engine.register(copy());
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        open.add((AutoCloseable) servers);
        TestPayments payments = new TestPayments(1);
        EmbeddedOrchestrator orchestrator = new EmbeddedOrchestrator(new OrchestratorSettings("0xa", "127.0.0.1", 0,
                false, List.of("faces-grey", "copy"), 2, BigInteger.valueOf(1_000), 10, 1000), engine, channels, payments,
                servers);
        open.add(orchestrator);
        gateway = new Gateway(new GatewaySettings("0xgateway", "127.0.0.1", 0, List.of(orchestrator.uri()),
                Map.of(), BigInteger.valueOf(5_000), 2_000, 3_000, GatewaySettings.DEFAULT_IDLE_MILLIS, 90), channels,
                Providers.service(OrchestratorSelector.class), payments, servers);
        open.add(gateway);
        gateway.allowPlainHttp(true); // plain HTTP between nodes here: these tests are about the edges, not TLS
        gateway.useWebRtc(() -> engine, webrtc::peers);
    }

    private static PipelineDefinition copy() {
        return new PipelineDefinition("copy", "test", "1", List.of(
                new NodeDefinition("dec", "decode", Map.of("input", "", "format", "I420")),
                new NodeDefinition("pass", "passthrough", Map.of()),
                new NodeDefinition("enc", "encode", Map.of("output", "", "fps", 30))),
                List.of(new EdgeDefinition("dec", "pass", null), new EdgeDefinition("pass", "enc", null)),
                QueuePolicy.BLOCK, null);
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}
