package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.testing.Await;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stalled orchestrator (alive, reading input, sending nothing) is found from the stream's frame clock: the limit is
 * {@code stall.frames} input frame intervals (a floor under it), read from the app's MPEG-TS timestamps, not a fixed
 * timer, so a 60 fps stream is found stalled after 30 × 16.7 ms = 500 ms where the fixed {@code stall.millis} would
 * wait 1500 ms. Before the first output the grace stays ({@link FirstOutputGraceTest}).
 */
@Timeout(60)
class FrameStallTest {
    private static final long STALL_MILLIS = 1_500;
    private static final int STALL_FRAMES = 30;
    private static final double FPS = 60;
    private static final int VIDEO_PID = 0x100;
    private static final int AUDIO_PID = 0x101;

    private static GatewaySettings settings() {
        return new GatewaySettings("0xg", "127.0.0.1", 0, List.of(), Map.of(), BigInteger.valueOf(5_000), 1_000,
                STALL_MILLIS, GatewaySettings.DEFAULT_IDLE_MILLIS, STALL_FRAMES);
    }

    @Test
    void theFrameClockReadsTheVideoFrameIntervalFromTheInput() {
        FrameClock clock = new FrameClock();
        assertEquals(0, clock.intervalNanos(), "unknown before any timestamp");
        byte[] first = ts(0, 20, FPS);
        byte[] afterGap = ts(200, 20, FPS); // a skip to the live edge: one step of 3 s is not the frame rate
        for (byte[] segment : List.of(first, afterGap)) {
            clock.segmentStarted();
            for (int at = 0; at < segment.length; at += 100) { // chunks that cut packets anywhere
                clock.bytes(segment, at, Math.min(100, segment.length - at));
            }
        }
        assertEquals(16_666_666, clock.intervalNanos(), 1_000, "60 fps from the video PTS (audio ignored)");
    }

    @Test
    void theStallLimitIsStatedInInputFrameIntervalsWithAFloor() {
        GatewaySettings s = settings();
        assertEquals(500, StallLimit.of(s, 16_666_667, false).nanos() / 1_000_000, "60 fps: 30 × 16.7 ms");
        assertEquals(1_200, StallLimit.of(s, 40_000_000, false).nanos() / 1_000_000, "25 fps: 30 × 40 ms");
        assertEquals(StallLimit.FLOOR_MILLIS, StallLimit.of(s, 1_000_000, false).nanos() / 1_000_000, "the floor");
        assertEquals(STALL_MILLIS, StallLimit.of(s, 0, false).nanos() / 1_000_000, "frame rate not known");
        assertEquals(3 * STALL_MILLIS, StallLimit.of(s, 16_666_667, true).nanos() / 1_000_000, "first output");
        assertTrue(StallLimit.of(s, 16_666_667, false).why().contains("30 input frame intervals of 16.7 ms"));
    }

    @Test
    void aSixtyFpsStreamIsFoundStalledFromItsFrameClock() throws Exception {
        TrickleServerFactory servers = Providers.service(TrickleServerFactory.class);
        AtomicBoolean working = new AtomicBoolean(true);
        try (MemorySegmentChannels channels = new MemorySegmentChannels(5)) {
            TrickleServer orchestrator = servers.start("127.0.0.1", 0, null);
            CopyingOrchestrator.serve(orchestrator, channels, 0, working::get);
            GatewaySettings s = settings();
            try (Gateway g = new Gateway(new GatewaySettings(s.address(), s.host(), 0, List.of(orchestrator.baseUri()),
                    Map.of(), s.maxPricePerSecondWei(), s.paymentIntervalMillis(), s.stallMillis(), s.idleMillis(),
                    s.stallFrames()), channels, Providers.service(OrchestratorSelector.class), new TestPayments(1),
                    servers); GatewayClient client = new GatewayClient(g.uri())) {
                g.allowPlainHttp(true); // plain HTTP between nodes here: this test is about failover, not TLS
                StreamInfo stream = client.start("p", Map.of());
                AtomicLong out = new AtomicLong();
                Thread reader = CopyingOrchestrator.countOutput(client, stream, out);
                String failure = null;
                for (long seq = 0; seq < 300 && failure == null; seq++) { // 6 frames (100 ms) a segment, live
                    client.publish(stream, seq, new ByteArrayInputStream(ts(seq * 6, 6, FPS)));
                    if (out.get() >= 10) {
                        working.set(false); // output flowed for a second: now the orchestrator stalls
                    }
                    List<?> failures = (List<?>) client.status(stream.id()).get("failures");
                    failure = failures.isEmpty() ? null : String.valueOf(failures.get(0));
                    Thread.sleep(100);
                }
                System.out.println("stall found: " + failure);
                assertTrue(failure != null && failure.contains("stalled"), "no stall found: " + failure);
                assertTrue(failure.contains("limit 500 ms: 30 input frame intervals of 16.7 ms"), failure);
                client.stop(stream.id());
                reader.interrupt();
            } finally {
                ((AutoCloseable) servers).close();
            }
        }
    }

    /** {@code frames} frames from frame {@code first} at {@code fps}: a video PES and an audio PES per frame. */
    static byte[] ts(long first, int frames, double fps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long f = first; f < first + frames; f++) {
            long pts = Math.round(f * 90_000 / fps);
            out.writeBytes(pes(VIDEO_PID, 0xe0, pts, (int) f));
            out.writeBytes(pes(AUDIO_PID, 0xc0, pts + 1_234, (int) f));
        }
        return out.toByteArray();
    }

    /** One TS packet that starts a PES of stream {@code streamId} with presentation time {@code pts}. */
    private static byte[] pes(int pid, int streamId, long pts, int continuity) {
        byte[] p = new byte[TsPackets.SIZE];
        java.util.Arrays.fill(p, (byte) 0xff);
        p[0] = 0x47;
        p[1] = (byte) (0x40 | (pid >> 8));
        p[2] = (byte) pid;
        p[3] = (byte) (0x10 | (continuity & 0x0f));
        byte[] header = {0, 0, 1, (byte) streamId, 0, 0, (byte) 0x80, (byte) 0x80, 5,
                (byte) (0x21 | ((pts >> 29) & 0x0e)), (byte) (pts >> 22), (byte) (((pts >> 14) & 0xfe) | 1),
                (byte) (pts >> 7), (byte) (((pts << 1) & 0xfe) | 1)};
        System.arraycopy(header, 0, p, 4, header.length);
        return p;
    }
}
