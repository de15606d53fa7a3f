package org.framegrid.orchestrator.internal;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.channel.SegmentChannels;

/**
 * The node's sessions: a slot reserved per session up to the capacity, the session's four channels served on the
 * node's server, its pipeline stream between them, and everything released again when it ends. Thread-safe.
 */
final class SessionManager {
    /** Stream ids of sessions: {@code session-ID}. */
    static final String STREAM_PREFIX = "session-";

    private final OrchestratorSettings settings;
    private final PipelineService pipelines;
    private final SegmentChannels channels;
    private final TrickleServer server;
    private final PaymentReceivers receivers;
    /** Running sessions, and the reservations of those being set up (a session without a stream). */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** Why each of the last {@value #ENDED_KEPT} sessions ended, by id: a gateway asking after one is told (410). */
    private final Map<String, String> ended = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > ENDED_KEPT;
        }
    });
    static final int ENDED_KEPT = 256;
    /** Sessions started, and starts refused because every slot was taken (metrics). */
    final LongAdder started = new LongAdder();
    final LongAdder refusedOverCapacity = new LongAdder();
    /** Media bytes gateways published into sessions, and those read out of them for gateways (metrics). */
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();

    SessionManager(OrchestratorSettings settings, PipelineService pipelines, SegmentChannels channels,
                   TrickleServer server, PaymentReceivers receivers) {
        this.settings = settings;
        this.pipelines = pipelines;
        this.channels = channels;
        this.server = server;
        this.receivers = receivers;
    }

    /**
     * Reserves a slot first, so that two simultaneous starts cannot both take the last one.
     *
     * @return the new session's id, or {@code null} when every slot is taken
     */
    String reserve() {
        String id = HexFormat.of().formatHex(random.generateSeed(8));
        synchronized (sessions) {
            if (sessions.size() >= settings.capacity()) {
                refusedOverCapacity.increment();
                return null;
            }
            sessions.put(id, Session.reservation(id));
        }
        return id;
    }

    /** Gives a reservation back (the session did not start). */
    void release(String id) {
        sessions.remove(id);
    }

    /** @return sessions running and reserved: what counts against the capacity */
    int inUse() {
        return sessions.size();
    }

    /** @return the running sessions */
    Collection<Session> running() {
        return sessions.values().stream().filter(Session::running).toList();
    }

    /** @return the running session {@code id}, or {@code null} */
    /** @return why session {@code id} ended, if it is one of the last ones that did; else {@code null} */
    String endedReason(String id) {
        return ended.get(id);
    }

    Session get(String id) {
        Session s = sessions.get(id);
        return s != null && s.running() ? s : null;
    }

    /**
     * Opens the reserved session {@code id}: its channels, served on the node's server, and its pipeline between them.
     * A session that cannot start is stopped again (channels removed, its balance ended) before the exception leaves.
     *
     * @param params per-stream parameters of the pipeline; the channel bindings are added to them
     * @throws PipelineDefinitionException if the pipeline does not start
     */
    Session open(String id, String pipeline, String sender, PaymentReceiver receiver, Map<String, Object> params)
            throws PipelineDefinitionException {
        String base = "o-" + id;
        Session s = new Session(id, pipeline, sender, receiver.scheme(), channels.open(base),
                channels.open(base + "-out"), channels.open(base + "-control"), channels.open(base + "-events"));
        s.receiver = receiver;
        server.serve(s.input.name(), TrickleServer.MEDIA, new CountedChannel(s.input, bytesIn), true);
        server.serve(s.output.name(), TrickleServer.MEDIA, new CountedChannel(s.output, bytesOut), false);
        server.serve(s.control.name(), TrickleServer.JSON, s.control, true);
        server.serve(s.events.name(), TrickleServer.JSON, s.events, false);
        sessions.put(id, s);
        try {
            startStream(s, params);
        } catch (PipelineDefinitionException | RuntimeException e) {
            stop(s, "start failed");
            throw e;
        }
        s.startControlLoop();
        started.increment();
        return s;
    }

    /**
     * The definition's decode node reads the input channel, its encode node writes the output channel, and a tap on
     * the encode node hands the session every output frame, whose metadata goes to the events channel. A pipeline
     * without a decode node has no input video: its source makes the frames (an interactive generator driven by app
     * events on the control channel).
     */
    private void startStream(Session s, Map<String, Object> params) throws PipelineDefinitionException {
        PipelineDefinition d = pipelines.definition(s.pipeline).orElseThrow(() -> new IllegalArgumentException(
                "pipeline '" + s.pipeline + "' is no longer registered"));
        List<String> decode = nodes(d, MediaStages.DECODE, 0);
        String encode = nodes(d, MediaStages.ENCODE, 1).get(0);
        for (String node : decode) {
            params.put(node + "." + MediaStages.DECODE_INPUT, MediaStages.CHANNEL_PREFIX + s.input.name());
        }
        params.put(encode + "." + MediaStages.ENCODE_OUTPUT, MediaStages.CHANNEL_PREFIX + s.output.name());
        StreamHandle stream = pipelines.start(s.pipeline, STREAM_PREFIX + s.id, params);
        stream.tap(encode, (streamId, node, frame) -> s.frameEvent(frame));
        s.stream = stream;
    }

    /** @return the names of the {@code type} nodes: one, or with {@code least == 0} at most one */
    static List<String> nodes(PipelineDefinition d, String type, int least) {
        List<String> found = d.nodes().stream().filter(n -> n.type().equals(type)).map(NodeDefinition::name).toList();
        if (found.size() < least || found.size() > 1) {
            throw new IllegalArgumentException("pipeline '" + d.name() + "' needs " + (least == 0 ? "at most" :
                    "exactly") + " one '" + type + "' node to run live, has " + found.size());
        }
        return found;
    }

    /** Ends a session: its stream, its channels (readers are told they closed) and its balance. */
    void stop(Session s, String why) {
        if (s.running()) {
            ended.put(s.id, why);
        }
        sessions.remove(s.id, s);
        s.end(why);
        for (String name : List.of(s.input.name(), s.output.name(), s.control.name(), s.events.name())) {
            server.unserve(name);
            channels.remove(name);
        }
        PaymentReceiver payments = receivers.holding(s);
        if (payments != null) {
            payments.endSession(s.id);
        }
    }

    /** Ends every running session. */
    void stopAll(String why) {
        running().forEach(s -> stop(s, why));
        sessions.clear();
    }
}
