package org.framegrid.gateway.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.trickle.json.HttpProblem;
import org.framegrid.webrtc.api.IceServer;
import org.framegrid.webrtc.api.Peer;
import org.framegrid.webrtc.api.PeerState;
import org.framegrid.webrtc.api.WebRtcException;
import org.framegrid.webrtc.api.WebRtcPeers;
import org.framegrid.webrtc.api.WebRtcStages;

/**
 * WHIP ingest and WHEP playback of gateway streams. A WHIP publisher starts a stream; two pipelines of this node
 * carry its media: {@code webrtc-in → resize → encode} into the stream's input channel (H.264 MPEG-TS segments, the
 * transport orchestrators read) and {@code decode → webrtc-out} from its output channel to the stream's outlet, which
 * WHEP viewers join. The stream ends when the publisher does (DELETE, ICE failure, vanished peer) or is stopped; its
 * pipelines, publisher and viewers end with it. Thread-safe.
 */
final class WebRtcEdge {
    private static final Logger LOG = Logger.getLogger(WebRtcEdge.class.getName());
    /** The size frames are encoded at for the orchestrator: the browser may change its size mid-stream. */
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    /** One stream's WebRTC side. */
    record Live(String name, String streamId, Peer publisher, StreamHandle ingest, StreamHandle egress,
                Set<Peer> viewers) {
    }

    private final Gateway gateway;
    private final Map<String, Live> byName = new ConcurrentHashMap<>();
    private volatile Supplier<PipelineService> pipelines = () -> null;
    private volatile Supplier<WebRtcPeers> peers = () -> null;

    WebRtcEdge(Gateway gateway) {
        this.gateway = gateway;
    }

    /** The node's engine and WebRTC peers, each {@code null} while it has none (WHIP and WHEP answer 503). */
    void use(Supplier<PipelineService> pipelines, Supplier<WebRtcPeers> peers) {
        this.pipelines = pipelines;
        this.peers = peers;
    }

    /**
     * Starts stream {@code name} for a WHIP publisher's offer.
     *
     * @throws HttpProblem 409 when the name is live, 503 without WebRTC or orchestrator, 400 for a bad offer
     */
    Live publish(String name, String pipeline, Map<String, Object> params, String offer)
            throws HttpProblem, InterruptedException {
        WebRtcPeers rtc = peers.get();
        PipelineService engine = pipelines.get();
        if (rtc == null || engine == null) {
            throw new HttpProblem(503, "WHIP: this gateway has no WebRTC or no pipeline engine (bundles "
                    + "org.framegrid.webrtc and org.framegrid.pipeline.engine)");
        }
        if (byName.containsKey(name)) {
            throw new HttpProblem(409, "WHIP: stream '" + name + "' is live already; DELETE its WHIP resource first");
        }
        // The offer first: a malformed one costs no orchestrator session.
        AtomicReference<String> streamId = new AtomicReference<>();
        Peer publisher;
        try {
            publisher = rtc.publish(offer, (p, why) -> {
                String id = streamId.get();
                if (id != null) {
                    ended(id, "publisher: " + why);
                }
            });
        } catch (WebRtcException e) {
            throw new HttpProblem(e.status(), "WHIP: " + e.getMessage());
        }
        GatewayStream s;
        try {
            s = gateway.start(pipeline, params);
        } catch (IOException e) {
            publisher.close();
            throw new HttpProblem(e instanceof OrchestratorApi.Refused r ? r.status : 503, e.getMessage());
        }
        StreamHandle ingest = null;
        try {
            ingest = engine.start(ingest(publisher.id(), Gateway.inputChannel(s.id)), "whip-" + s.id, Map.of());
            StreamHandle egress = engine.start(egress(Gateway.outputChannel(s.id), s.id), "whep-" + s.id,
                    Map.of());
            Live live = new Live(name, s.id, publisher, ingest, egress, ConcurrentHashMap.newKeySet());
            if (byName.putIfAbsent(name, live) != null) { // another WHIP of the same name won the race
                egress.close();
                throw new IllegalStateException("stream '" + name + "' went live meanwhile");
            }
            streamId.set(s.id);
            if (publisher.state() == PeerState.ENDED) {
                ended(s.id, "publisher ended while its stream started");
            }
            LOG.info(() -> "stream " + s.id + " (" + name + "): WHIP publisher " + publisher.id() + " live");
            return live;
        } catch (PipelineDefinitionException | RuntimeException e) {
            if (ingest != null) {
                ingest.close();
            }
            publisher.close();
            gateway.stop(s.id);
            throw new HttpProblem(503, "WHIP: cannot carry the media of stream " + s.id + ": " + e.getMessage());
        }
    }

    /**
     * Adds a WHEP viewer of stream {@code name}.
     *
     * @throws HttpProblem 404 when the stream is not live, 503 without WebRTC, 400 for a bad offer
     */
    Peer view(String name, String offer) throws HttpProblem {
        Live live = live(name);
        WebRtcPeers rtc = peers.get();
        if (rtc == null) {
            throw new HttpProblem(503, "WHEP: this gateway has no WebRTC");
        }
        try {
            Peer viewer = rtc.view(live.streamId, offer, (p, why) -> live.viewers.remove(p));
            live.viewers.add(viewer);
            return viewer;
        } catch (WebRtcException e) {
            throw new HttpProblem(e.status(), "WHEP: " + e.getMessage());
        }
    }

    /** @return the live stream {@code name} */
    Live live(String name) throws HttpProblem {
        Live live = byName.get(name);
        if (live == null) {
            throw new HttpProblem(404, "stream '" + name + "' is not live on this gateway");
        }
        return live;
    }

    /** @return the publisher or viewer {@code peerId} of stream {@code name} */
    Peer peer(String name, String peerId) throws HttpProblem {
        Live live = live(name);
        if (live.publisher.id().equals(peerId)) {
            return live.publisher;
        }
        for (Peer v : live.viewers) {
            if (v.id().equals(peerId)) {
                return v;
            }
        }
        throw new HttpProblem(404, "stream '" + name + "' has no WebRTC peer '" + peerId + "'");
    }

    /** @return the STUN and TURN servers clients are told about; none without WebRTC */
    List<IceServer> iceServers() {
        WebRtcPeers rtc = peers.get();
        return rtc == null ? List.of() : rtc.iceServers();
    }

    /** A peer's end stops its stream; off libwebrtc's thread, since stopping a stream blocks. */
    private void ended(String streamId, String why) {
        Thread.ofVirtual().name("whip-end-" + streamId).start(() -> {
            LOG.info(() -> "stream " + streamId + ": " + why + "; stopping it");
            gateway.stop(streamId);
        });
    }

    /** The gateway stopped stream {@code streamId}: its pipelines and peers end. */
    void stopped(String streamId) {
        for (Live live : byName.values()) {
            if (live.streamId.equals(streamId) && byName.remove(live.name, live)) {
                live.ingest.close();
                live.egress.close();
                live.publisher.close();
                live.viewers.forEach(Peer::close);
            }
        }
    }

    private static PipelineDefinition ingest(String peer, String channel) {
        return new PipelineDefinition("whip-ingest", "WHIP publisher to the stream's input", "1", List.of(
                new NodeDefinition("in", WebRtcStages.SOURCE, Map.of(WebRtcStages.SOURCE_PEER, peer)),
                new NodeDefinition("size", "resize", Map.of("width", WIDTH, "height", HEIGHT)),
                new NodeDefinition("enc", MediaStages.ENCODE, Map.of(MediaStages.ENCODE_OUTPUT,
                        MediaStages.CHANNEL_PREFIX + channel, "fps", 30))),
                List.of(new EdgeDefinition("in", "size", null), new EdgeDefinition("size", "enc", null)),
                QueuePolicy.LATEST, null);
    }

    private static PipelineDefinition egress(String channel, String outlet) {
        return new PipelineDefinition("whep-egress", "the stream's output to its WHEP viewers", "1", List.of(
                new NodeDefinition("dec", MediaStages.DECODE, Map.of(MediaStages.DECODE_INPUT,
                        MediaStages.CHANNEL_PREFIX + channel, "format", "I420", "audio-pcm", true)),
                new NodeDefinition("out", WebRtcStages.SINK, Map.of(WebRtcStages.SINK_OUTLET, outlet))),
                List.of(new EdgeDefinition("dec", "out", null)), QueuePolicy.LATEST, null);
    }
}
