package org.framegrid.webrtc.internal;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.framegrid.webrtc.api.Peer;
import org.framegrid.webrtc.api.PeerListener;
import org.framegrid.webrtc.api.PeerState;
import org.framegrid.webrtc.api.PeerStats;
import org.framegrid.webrtc.api.WebRtcException;

/**
 * One peer connection and its life: the offer/answer exchange, then the connection states libwebrtc reports, with our
 * own time limits on top (to connect, to come back after a disconnect). Nothing runs on libwebrtc's callback threads
 * but recording what happened: ending a peer (closing the connection, releasing what it used, telling the listener)
 * runs on the control thread.
 */
final class RtcPeer implements Peer {
    private static final Logger LOG = Logger.getLogger(RtcPeer.class.getName());
    private static final long SDP_SECONDS = 5;

    /** What a peer is set up with between the remote offer and our answer (tracks, sinks, codecs). */
    @FunctionalInterface
    interface Setup {
        void configure(RTCPeerConnection pc) throws WebRtcException;
    }

    private final String id;
    private final String kind;
    private final WebRtcSettings settings;
    private final ScheduledExecutorService control;
    private final PeerListener listener;
    private final Consumer<RtcPeer> forget;
    private final RTCPeerConnection pc;
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final List<Runnable> cleanups = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long createdNanos = System.nanoTime();
    private volatile FrameMeter meter = new FrameMeter();
    private volatile PeerState state = PeerState.CONNECTING;
    private volatile long connectMillis = -1;
    private volatile String answer = "";
    private volatile String videoCodec = "";
    private volatile boolean audio;
    private volatile ScheduledFuture<?> timer;

    /**
     * @param forget called once when the peer ends, so that its owner forgets it
     */
    RtcPeer(String id, String kind, Rtc rtc, WebRtcSettings settings, ScheduledExecutorService control,
            PeerListener listener, Consumer<RtcPeer> forget) {
        this.id = id;
        this.kind = kind;
        this.settings = settings;
        this.control = control;
        this.listener = listener;
        this.forget = forget;
        this.pc = rtc.factory().createPeerConnection(configuration(settings), new Observer());
        if (pc == null) {
            throw new IllegalStateException("libwebrtc refused to create a peer connection");
        }
    }

    private static RTCConfiguration configuration(WebRtcSettings s) {
        RTCConfiguration c = new RTCConfiguration();
        for (org.framegrid.webrtc.api.IceServer server : s.iceServers()) {
            dev.onvoid.webrtc.RTCIceServer ice = new dev.onvoid.webrtc.RTCIceServer();
            ice.urls.addAll(server.urls());
            ice.username = server.username();
            ice.password = server.credential();
            c.iceServers.add(ice);
        }
        c.portAllocatorConfig.minPort = s.minPort();
        c.portAllocatorConfig.maxPort = s.maxPort();
        c.portAllocatorConfig.setEnableAnyAddressPorts(s.anyAddressPorts());
        return c;
    }

    /** Runs {@code cleanup} after the connection is closed (sinks, tracks, the owner's bookkeeping). */
    void onEnd(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    void meter(FrameMeter m) {
        meter = m;
    }

    /**
     * The offer/answer exchange: the offer is applied, {@code setup} adds tracks and sinks, and the answer is created
     * and returned once ICE gathering completed (or its time limit passed).
     *
     * @throws WebRtcException 400 when libwebrtc refuses the offer or the answer takes no video
     */
    String negotiate(String offer, Setup setup) throws WebRtcException {
        this.<Void>await("the offer", f -> pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer),
                observer(f)));
        setup.configure(pc);
        RTCSessionDescription local = this.<RTCSessionDescription>await("the answer",
                f -> pc.createAnswer(new RTCAnswerOptions(), created(f)));
        this.<Void>await("the answer", f -> pc.setLocalDescription(local, observer(f)));
        try {
            gathered.get(settings.gatheringMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.fine(() -> kind + " " + id + ": answering before ICE gathering completed");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebRtcException(503, kind + ": interrupted while gathering candidates");
        }
        String sdp = Sdp.withPublicAddress(pc.getLocalDescription().sdp, settings.publicAddress());
        if (!Sdp.accepts(sdp, "video")) {
            throw new WebRtcException(400, kind + ": the offer has no video in a codec this node takes ("
                    + String.join(", ", settings.videoCodecs()) + ")");
        }
        videoCodec = Sdp.firstCodec(sdp, "video");
        audio = Sdp.accepts(sdp, "audio");
        answer = sdp;
        timer = control.schedule(() -> {
            if (state != PeerState.CONNECTED) {
                end("did not connect within " + settings.connectMillis() / 1000.0 + " s");
            }
        }, settings.connectMillis(), TimeUnit.MILLISECONDS);
        return sdp;
    }

    private interface Call<T> {
        void start(CompletableFuture<T> result);
    }

    private <T> T await(String what, Call<T> call) throws WebRtcException {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            call.start(f);
        } catch (Error e) {
            // webrtc-java throws a plain Error for what libwebrtc refuses synchronously (an SDP it cannot parse).
            if (e.getClass() != Error.class) {
                throw e;
            }
            throw new WebRtcException(400, kind + ": WebRTC refused " + what + ": " + e.getMessage());
        }
        try {
            return f.get(SDP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new WebRtcException(400, kind + ": WebRTC refused " + what + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new WebRtcException(503, kind + ": " + what + " took over " + SDP_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebRtcException(503, kind + ": interrupted while applying " + what);
        }
    }

    /** @return an observer that completes {@code f} with the description libwebrtc created, or fails it */
    static CreateSessionDescriptionObserver created(CompletableFuture<RTCSessionDescription> f) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                f.complete(description);
            }

            @Override
            public void onFailure(String error) {
                f.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    /** @return an observer that completes {@code f} */
    static SetSessionDescriptionObserver observer(CompletableFuture<Void> f) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                f.complete(null);
            }

            @Override
            public void onFailure(String error) {
                f.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String answer() {
        return answer;
    }

    @Override
    public PeerState state() {
        return state;
    }

    @Override
    public int addCandidates(String fragment) throws WebRtcException {
        List<Sdp.Candidate> candidates = Sdp.candidates(fragment);
        if (candidates.isEmpty()) {
            throw new WebRtcException(400, kind + " " + id + ": the fragment holds no a=candidate line");
        }
        for (Sdp.Candidate c : candidates) {
            pc.addIceCandidate(new RTCIceCandidate(c.mid(), 0, c.line()));
        }
        return candidates.size();
    }

    @Override
    public PeerStats stats() {
        FrameMeter m = meter;
        return new PeerStats(kind, state, videoCodec, audio, m.frames(), m.width(), m.height(), m.fps(),
                connectMillis);
    }

    @Override
    public void close() {
        end("closed");
    }

    /** Ends the peer once: the owner forgets it, then the control thread closes it and tells the listener. */
    void end(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        state = PeerState.ENDED;
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        forget.accept(this);
        control.execute(() -> {
            try {
                pc.close();
                for (Runnable cleanup : cleanups) {
                    try {
                        cleanup.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, kind + " peer " + id + ": releasing it failed", e);
                    }
                }
            } finally {
                LOG.info(() -> kind + " peer " + id + " ended: " + reason);
                listener.ended(this, reason);
            }
        });
    }

    /** libwebrtc's signaling thread: only records and schedules. */
    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            // the answer carries the gathered candidates; nothing is trickled to the client
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState s) {
            if (s == RTCIceGatheringState.COMPLETE) {
                gathered.complete(null);
            }
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState s) {
            if (ended.get()) {
                return;
            }
            switch (s) {
                case CONNECTED -> {
                    state = PeerState.CONNECTED;
                    if (connectMillis < 0) {
                        connectMillis = (System.nanoTime() - createdNanos) / 1_000_000;
                    }
                    ScheduledFuture<?> t = timer;
                    if (t != null) {
                        t.cancel(false);
                    }
                }
                case DISCONNECTED -> {
                    state = PeerState.DISCONNECTED;
                    timer = control.schedule(() -> {
                        if (state == PeerState.DISCONNECTED) {
                            end("disconnected for " + settings.disconnectMillis() / 1000.0 + " s");
                        }
                    }, settings.disconnectMillis(), TimeUnit.MILLISECONDS);
                }
                case FAILED -> control.execute(() -> end("ICE or DTLS failed"));
                case CLOSED -> control.execute(() -> end("closed by the client"));
                default -> {
                }
            }
        }
    }
}
