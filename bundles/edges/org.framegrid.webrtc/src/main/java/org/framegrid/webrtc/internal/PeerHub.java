package org.framegrid.webrtc.internal;

import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.framegrid.webrtc.api.IceServer;
import org.framegrid.webrtc.api.Peer;
import org.framegrid.webrtc.api.PeerListener;
import org.framegrid.webrtc.api.WebRtcException;
import org.framegrid.webrtc.api.WebRtcPeers;

/**
 * The node's WebRTC peers without OSGi: libwebrtc (loaded when the first peer needs it), the publishers' media
 * by peer id for the {@code webrtc-in} stage, and the outlets by name for the {@code webrtc-out} stage and the
 * viewers. One control thread, owned here, closes peers, runs their time limits and loads the library.
 */
final class PeerHub implements WebRtcPeers, AutoCloseable {
    private static final long LOAD_SECONDS = 30;

    private final WebRtcSettings settings;
    /** How often a publisher's media is checked. */
    private static final long WATCH_MILLIS = 250;
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("webrtc-control").unstarted(r));
    /**
     * libwebrtc, loaded by the first offer, not at start: a node that never sees a WebRTC peer (an orchestrator, a
     * file job, a tool run) then never starts its native threads, which at JVM exit fail to attach and print so.
     * Guarded by {@code this}; null until then.
     */
    private CompletableFuture<Rtc> rtc;
    private final Map<String, RtcPeer> peers = new ConcurrentHashMap<>();
    private final Map<String, IngestMedia> publishers = new ConcurrentHashMap<>();
    private final Map<String, Outlet> outlets = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    PeerHub(WebRtcSettings settings) {
        this.settings = settings;
    }

    private synchronized CompletableFuture<Rtc> loading() {
        if (rtc == null) {
            rtc = CompletableFuture.supplyAsync(Rtc::load, control);
        }
        return rtc;
    }

    /** @return libwebrtc, loading it on the first call and waiting for it */
    Rtc rtc() throws WebRtcException {
        try {
            return loading().get(LOAD_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            throw new WebRtcException(503, "the node's WebRTC has stopped");
        } catch (ExecutionException e) {
            throw new WebRtcException(503, "WebRTC is not available on this node: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new WebRtcException(503, "WebRTC is still loading after " + LOAD_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebRtcException(503, "interrupted while WebRTC loads");
        }
    }

    private RtcPeer newPeer(Rtc r, String kind, PeerListener listener) {
        String id = HexFormat.of().formatHex(random.generateSeed(12));
        RtcPeer peer = new RtcPeer(id, kind, r, settings, control, listener, p -> peers.remove(p.id(), p));
        peers.put(id, peer);
        return peer;
    }

    @Override
    public Peer publish(String offer, PeerListener listener) throws WebRtcException {
        Rtc r = rtc();
        RtcPeer peer = newPeer(r, "publish", listener);
        IngestMedia media = new IngestMedia();
        peer.meter(media.meter());
        peer.onEnd(media::end);
        try {
            peer.negotiate(Sdp.dropDanglingSsrcGroups(offer), pc -> {
                for (RTCRtpTransceiver t : pc.getTransceivers()) {
                    t.setDirection(RTCRtpTransceiverDirection.RECV_ONLY);
                    MediaStreamTrack track = t.getReceiver().getTrack();
                    if (track instanceof VideoTrack video) {
                        t.setCodecPreferences(r.videoCodecs(false, settings.videoCodecs()));
                        video.addSink(media);
                    } else if (track instanceof AudioTrack audio) {
                        audio.addSink(media);
                    }
                }
            });
        } catch (WebRtcException | RuntimeException e) {
            peer.end("refused: " + e.getMessage());
            throw e;
        }
        publishers.put(peer.id(), media);
        // A publisher whose video stops is gone well before libwebrtc calls it disconnected (~7 s without packets).
        long limit = TimeUnit.MILLISECONDS.toNanos(settings.mediaTimeoutMillis());
        ScheduledFuture<?> watch = control.scheduleWithFixedDelay(() -> {
            if (media.meter().idleNanos() > limit) {
                peer.end("no video for " + settings.mediaTimeoutMillis() / 1000.0 + " s");
            }
        }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        peer.onEnd(() -> {
            watch.cancel(false);
            publishers.remove(peer.id(), media);
        });
        return peer;
    }

    @Override
    public Peer view(String outletName, String offer, PeerListener listener) throws WebRtcException {
        Outlet outlet = outlets.get(outletName);
        if (outlet == null) {
            throw new WebRtcException(404, "no output '" + outletName + "' is running on this node");
        }
        if (outlet.viewers() >= settings.maxViewers()) {
            throw new WebRtcException(503, "output '" + outletName + "' has " + outlet.viewers()
                    + " viewers, the most allowed (max.viewers)");
        }
        Rtc r = rtc();
        RtcPeer peer = newPeer(r, "view", listener);
        peer.meter(outlet.meter());
        try {
            peer.negotiate(offer, pc -> {
                VideoTrack video = r.factory().createVideoTrack("video-" + peer.id(), outlet.video());
                pc.addTrack(video, List.of("framegrid"));
                if (Sdp.accepts(offer, "audio")) {
                    AudioTrack audio = r.factory().createAudioTrack("audio-" + peer.id(), outlet.audio());
                    // A stream of its own: a viewer does not hold the video back to play it in sync with the audio
                    // (whose playout buffer is longer); live video stays as fresh as it comes.
                    pc.addTrack(audio, List.of("framegrid-audio"));
                    peer.onEnd(audio::dispose);
                }
                peer.onEnd(video::dispose);
                for (RTCRtpTransceiver t : pc.getTransceivers()) {
                    t.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
                    if (t.getSender().getTrack() instanceof VideoTrack) {
                        t.setCodecPreferences(r.videoCodecs(true, settings.videoCodecs()));
                    }
                }
            });
        } catch (WebRtcException | RuntimeException e) {
            peer.end("refused: " + e.getMessage());
            throw e;
        }
        outlet.addViewer(peer);
        peer.onEnd(() -> outlet.removeViewer(peer));
        return peer;
    }

    @Override
    public boolean hasOutlet(String outlet) {
        return outlets.containsKey(outlet);
    }

    @Override
    public List<IceServer> iceServers() {
        return settings.iceServers();
    }

    /** @return the media of publisher {@code peerId}, or {@code null} when no such publisher is connected */
    IngestMedia publisher(String peerId) {
        return publishers.get(peerId);
    }

    /** Opens the outlet {@code name} for a {@code webrtc-out} stage (again, for the stage that replaces it). */
    Outlet openOutlet(String name) throws WebRtcException {
        rtc(); // its sources are native objects
        synchronized (outlets) {
            Outlet o = outlets.get(name);
            if (o != null) {
                o.holders++;
                return o;
            }
            o = new Outlet(name);
            outlets.put(name, o);
            return o;
        }
    }

    /** Releases a stage's hold; the last one ends the outlet's viewers and frees it. */
    void releaseOutlet(Outlet outlet) {
        synchronized (outlets) {
            if (--outlet.holders > 0) {
                return;
            }
            outlets.remove(outlet.name, outlet);
        }
        outlet.viewerSet().forEach(v -> v.end("the output ended"));
        control.execute(outlet::dispose); // after the viewers' connections, which close on this thread first
    }

    @Override
    public void close() {
        List.copyOf(peers.values()).forEach(p -> p.end("the node's WebRTC stopped"));
        List.copyOf(outlets.values()).forEach(o -> control.execute(o::dispose));
        outlets.clear();
        CompletableFuture<Rtc> loaded;
        synchronized (this) {
            loaded = rtc;
        }
        control.execute(() -> { // after the load, on the same thread, when one was started
            if (loaded != null && loaded.isDone() && !loaded.isCompletedExceptionally()) {
                loaded.join().close();
            }
        });
        control.shutdown();
        try {
            if (!control.awaitTermination(5, TimeUnit.SECONDS)) {
                control.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.shutdownNow();
        }
    }
}
