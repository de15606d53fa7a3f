package org.framegrid.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Await;
import org.framegrid.webrtc.api.Peer;
import org.framegrid.webrtc.api.PeerState;
import org.framegrid.webrtc.api.WebRtcException;
import org.framegrid.webrtc.api.WebRtcStages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A publisher and a viewer in this JVM, the node's peers between them, and a pipeline webrtc-in → webrtc-out: video
 * and audio go publisher → pipeline → viewer, a publisher that leaves ends its peer and its stream, bad offers are
 * refused with the right status.
 */
@Timeout(90)
class PeerLoopTest {
    private PeerHub hub;
    private EmbeddedEngine engine;
    private TestClient client;
    private final ScheduledExecutorService camera = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void setUp() {
        hub = new PeerHub(WebRtcSettings.defaults());
        engine = new EmbeddedEngine(1000, false);
        engine.addProvider(new WebRtcInStage(hub), 0, 1, "webrtc");
        engine.addProvider(new WebRtcOutStage(hub), 0, 2, "webrtc");
        client = new TestClient();
    }

    @AfterEach
    void tearDown() {
        camera.shutdownNow();
        engine.close();
        hub.close();
        client.close();
    }

    private static PipelineDefinition relay(String peer, String outlet) {
        return new PipelineDefinition("relay", "test", "1", List.of(
                new NodeDefinition("in", WebRtcStages.SOURCE, Map.of(WebRtcStages.SOURCE_PEER, peer)),
                new NodeDefinition("out", WebRtcStages.SINK, Map.of(WebRtcStages.SINK_OUTLET, outlet))),
                List.of(new EdgeDefinition("in", "out", null)), QueuePolicy.LATEST, null);
    }

    @Test
    void videoAndAudioGoFromPublisherThroughAPipelineToAViewer() throws Exception {
        List<String> ends = new CopyOnWriteArrayList<>();
        TestClient.Connection pub = client.connection();
        CustomVideoSource video = new CustomVideoSource();
        CustomAudioSource tone = new CustomAudioSource();
        Peer publisher = hub.publish(client.publish(pub, video, tone), (p, why) -> ends.add(why));
        client.answer(pub, publisher.answer());
        AtomicLong sent = new AtomicLong();
        camera.scheduleAtFixedRate(() -> {
            VideoFrame f = TestClient.halves(System.nanoTime());
            video.pushFrame(f);
            f.release();
            tone.pushAudio(toneChunk(sent.getAndIncrement()), 16, 48_000, 1, 480);
        }, 0, 10, TimeUnit.MILLISECONDS);
        Await.until("the publisher connected", 15_000, () -> publisher.state() == PeerState.CONNECTED);

        StreamHandle relay = engine.start(relay(publisher.id(), "out-1"), "s1", Map.of());
        AtomicLong frames = new AtomicLong();
        AtomicLong halvesSeen = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        TestClient.Connection view = client.connection();
        Peer viewer = hub.view("out-1", client.view(view, frame -> {
            frames.incrementAndGet();
            if (halves(frame)) {
                halvesSeen.incrementAndGet();
            }
            frame.release();
        }, (data, bits, rate, channels, n) -> samples.addAndGet(n)), (p, why) -> ends.add(why));
        client.answer(view, viewer.answer());
        Await.until("30 frames at the viewer", 20_000, () -> frames.get() >= 30, () -> frames + " frames");
        Await.until("audio at the viewer", 20_000, () -> samples.get() >= 48_000 / 2, () -> samples + " samples");
        assertTrue(halvesSeen.get() >= frames.get() * 9 / 10, halvesSeen + " of " + frames
                + " frames show the published picture");
        assertEquals("H264", publisher.stats().videoCodec(), "H.264 is the first choice");
        assertTrue(publisher.stats().audio());
        assertTrue(publisher.stats().frames() > 0 && publisher.stats().width() == 320);
        assertEquals(PeerState.CONNECTED, viewer.state());
        System.out.printf("relay: %d frames and %d audio samples at the viewer; publisher %s%n", frames.get(),
                samples.get(), publisher.stats());

        long left = System.nanoTime();
        pub.pc.close(); // the publisher leaves without a word (libwebrtc sends no goodbye)
        Await.until("the publisher's peer ended", 15_000, () -> publisher.state() == PeerState.ENDED,
                () -> String.valueOf(ends));
        System.out.printf("the publisher's peer ended %d ms after it left%n", (System.nanoTime() - left) / 1_000_000);
        assertTrue(relay.awaitEnd(10, TimeUnit.SECONDS), "its stream ended with it");
        Await.until("both listeners told", 10_000, () -> ends.size() == 2, () -> ends + " viewer " + viewer.state()
                + " outlet " + hub.hasOutlet("out-1") + " " + relay.status());
        assertEquals(PeerState.ENDED, viewer.state(), "the viewer ended with the output");
        assertEquals(0, engine.pool().outstanding(), "every frame went back to the pool");
    }

    @Test
    void unusableRequestsAreRefusedWithTheirStatus() throws Exception {
        WebRtcException garbage = assertThrows(WebRtcException.class, () -> hub.publish("not sdp", (p, w) -> { }));
        assertEquals(400, garbage.status(), garbage.getMessage());
        TestClient.Connection audioOnly = client.connection();
        String offer = client.publish(audioOnly, new CustomVideoSource(), null).replaceAll("(?s)m=video.*", "");
        WebRtcException noVideo = assertThrows(WebRtcException.class, () -> hub.publish(offer, (p, w) -> { }));
        assertEquals(400, noVideo.status(), noVideo.getMessage());
        WebRtcException noOutlet = assertThrows(WebRtcException.class, () -> hub.view("nothing", "v=0", (p, w) -> { }));
        assertEquals(404, noOutlet.status());
        assertEquals("no output 'nothing' is running on this node", noOutlet.getMessage());
    }

    /** 10 ms of a 440 Hz tone, mono 16-bit at 48 kHz. */
    private static byte[] toneChunk(long index) {
        ByteBuffer b = ByteBuffer.allocate(960).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 480; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * (index * 480 + i) / 48_000.0)));
        }
        return b.array();
    }

    /** Whether the frame shows the published picture: bright left, dark right (after two lossy encodes). */
    private static boolean halves(VideoFrame frame) {
        I420Buffer b = frame.buffer instanceof I420Buffer direct ? direct : frame.buffer.toI420();
        try {
            int w = b.getWidth();
            int h = b.getHeight();
            int left = b.getDataY().get((h / 2) * b.getStrideY() + w / 4) & 0xff;
            int right = b.getDataY().get((h / 2) * b.getStrideY() + 3 * w / 4) & 0xff;
            return left > 180 && right < 70;
        } finally {
            if (b != frame.buffer) {
                b.release();
            }
        }
    }
}
