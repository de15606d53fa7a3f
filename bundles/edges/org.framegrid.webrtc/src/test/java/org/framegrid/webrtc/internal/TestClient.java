package org.framegrid.webrtc.internal;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The other end of the tests: a WebRTC client in the same JVM (its own factory), publishing generated video and a
 * tone like a WHIP client, or receiving like a WHEP client.
 */
final class TestClient implements AutoCloseable {
    private final HeadlessAudioDeviceModule adm = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory;

    TestClient() {
        adm.initPlayout();
        adm.startPlayout();
        adm.initRecording();
        adm.startRecording();
        factory = new PeerConnectionFactory(adm);
    }

    /** One client connection and what it saw. */
    static final class Connection {
        final CompletableFuture<Void> gathered = new CompletableFuture<>();
        volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
        RTCPeerConnection pc;
    }

    Connection connection() {
        Connection c = new Connection();
        c.pc = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState s) {
                if (s == RTCIceGatheringState.COMPLETE) {
                    c.gathered.complete(null);
                }
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState s) {
                c.state = s;
            }
        });
        return c;
    }

    /** A publisher of {@code video} (and {@code audio} if not null); returns its complete offer. */
    String publish(Connection c, CustomVideoSource video, CustomAudioSource audio) throws Exception {
        c.pc.addTrack(factory.createVideoTrack("v", video), List.of("s"));
        if (audio != null) {
            c.pc.addTrack(factory.createAudioTrack("a", audio), List.of("s"));
        }
        return offer(c);
    }

    /** A viewer that hands what it receives to the sinks; returns its complete offer. */
    String view(Connection c, VideoTrackSink video, AudioTrackSink audio) throws Exception {
        RTCRtpTransceiverInit recv = new RTCRtpTransceiverInit();
        recv.direction = RTCRtpTransceiverDirection.RECV_ONLY;
        var v = c.pc.addTransceiver(factory.createVideoTrack("rv", new CustomVideoSource()), recv);
        ((VideoTrack) v.getReceiver().getTrack()).addSink(video);
        if (audio != null) {
            var a = c.pc.addTransceiver(factory.createAudioTrack("ra", new CustomAudioSource()), recv);
            MediaStreamTrack track = a.getReceiver().getTrack();
            ((AudioTrack) track).addSink(audio);
        }
        return offer(c);
    }

    private String offer(Connection c) throws Exception {
        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        c.pc.createOffer(new RTCOfferOptions(), RtcPeer.created(offer));
        CompletableFuture<Void> set = new CompletableFuture<>();
        c.pc.setLocalDescription(offer.get(5, TimeUnit.SECONDS), RtcPeer.observer(set));
        set.get(5, TimeUnit.SECONDS);
        c.gathered.get(5, TimeUnit.SECONDS);
        return c.pc.getLocalDescription().sdp;
    }

    void answer(Connection c, String sdp) throws Exception {
        CompletableFuture<Void> set = new CompletableFuture<>();
        c.pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), RtcPeer.observer(set));
        set.get(5, TimeUnit.SECONDS);
    }

    /** A 320x240 frame: bright left half, dark right half, neutral colour. */
    static VideoFrame halves(long nanos) {
        NativeI420Buffer b = NativeI420Buffer.allocate(320, 240);
        fill(b.getDataY(), b.getStrideY(), 320, 240, (x, y) -> x < 160 ? 220 : 30);
        fill(b.getDataU(), b.getStrideU(), 160, 120, (x, y) -> 128);
        fill(b.getDataV(), b.getStrideV(), 160, 120, (x, y) -> 128);
        return new VideoFrame(b, nanos);
    }

    interface Pixel {
        int at(int x, int y);
    }

    private static void fill(ByteBuffer plane, int stride, int w, int h, Pixel p) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                plane.put(y * stride + x, (byte) p.at(x, y));
            }
        }
    }

    @Override
    public void close() {
        factory.dispose();
        adm.stopPlayout();
        adm.stopRecording();
        adm.dispose();
    }
}
