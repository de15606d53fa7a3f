package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.framegrid.node.api.MetricWriter;
import org.junit.jupiter.api.Test;

/**
 * A gateway's first-frame delay, end-to-end latency and bytes from MPEG-TS bytes as the pumps see them: video frames
 * paired by presentation time (which the orchestrator keeps), packets cut anywhere between reads, audio and tables
 * ignored, frames the pipeline dropped left out.
 */
class StreamMeterTest {
    private static final long MS = 1_000_000;

    /** Histograms and counters written, by name (last one wins). */
    static final class Written implements MetricWriter {
        final Map<String, double[]> histograms = new java.util.HashMap<>(); // count, sum
        final Map<String, Double> counters = new java.util.HashMap<>();

        @Override
        public void counter(String name, String help, Map<String, String> labels, double value) {
            counters.put(name + labels.getOrDefault("direction", ""), value);
        }

        @Override
        public void gauge(String name, String help, Map<String, String> labels, double value) {
        }

        @Override
        public void histogram(String name, String help, Map<String, String> labels, List<Double> upperBounds,
                List<Long> counts, double sum) {
            histograms.put(name, new double[] {counts.stream().mapToLong(Long::longValue).sum(), sum});
        }
    }

    /** One 188-byte packet starting a PES of {@code streamId} with presentation time {@code pts}. */
    static byte[] pes(int streamId, long pts) {
        byte[] p = new byte[TsPackets.SIZE];
        p[0] = 0x47;
        p[1] = 0x40 | 0x01; // payload unit start, PID 0x100
        p[2] = 0x00;
        p[3] = 0x10; // payload only
        int at = 4;
        p[at + 2] = 1; // start code 00 00 01
        p[at + 3] = (byte) streamId;
        p[at + 6] = (byte) 0x80;
        p[at + 7] = (byte) 0x80; // PTS present
        p[at + 8] = 5;
        p[at + 9] = (byte) (0x21 | ((pts >> 29) & 0x0e));
        p[at + 10] = (byte) (pts >> 22);
        p[at + 11] = (byte) (((pts >> 14) & 0xfe) | 1);
        p[at + 12] = (byte) (pts >> 7);
        p[at + 13] = (byte) (((pts << 1) & 0xfe) | 1);
        return p;
    }

    /** A packet without a PES start (a table, or the rest of a frame). */
    static byte[] other() {
        byte[] p = new byte[TsPackets.SIZE];
        p[0] = 0x47;
        p[3] = 0x10;
        return p;
    }

    @Test
    void pairsOutputFramesWithTheirInputByPresentationTime() {
        GatewayMeters meters = new GatewayMeters();
        StreamMeter m = new StreamMeter(meters, 0);
        m.inputSegment();
        // Input frames at 33 ms intervals (3000 ticks), read at 1000, 1033, 1066 ms; audio in between.
        byte[] in = concat(pes(0xe0, 9000), other(), pes(0xc0, 9100), pes(0xe0, 12000), pes(0xe0, 15000));
        m.input(in, 0, 2 * TsPackets.SIZE, 1000 * MS);
        m.input(in, 2 * TsPackets.SIZE, TsPackets.SIZE + 50, 1000 * MS); // a packet cut between reads
        m.input(in, 3 * TsPackets.SIZE + 50, TsPackets.SIZE - 50, 1033 * MS);
        m.input(in, 4 * TsPackets.SIZE, TsPackets.SIZE, 1066 * MS);
        // The orchestrator keeps the presentation times; its frames come back 250, 260 and 270 ms after their input.
        m.outputSegment();
        byte[] out = concat(pes(0xe0, 9000), pes(0xe0, 12000), pes(0xe0, 15000));
        m.output(out, 0, TsPackets.SIZE, 1250 * MS);
        m.output(out, TsPackets.SIZE, TsPackets.SIZE, 1293 * MS);
        m.output(out, 2 * TsPackets.SIZE, TsPackets.SIZE, 1336 * MS);
        Written w = new Written();
        meters.write("0xg", w);
        double[] latency = w.histograms.get("framegrid_gateway_latency_seconds");
        assertEquals(3, latency[0]);
        assertEquals(0.250 + 0.260 + 0.270, latency[1], 1e-9);
        double[] first = w.histograms.get("framegrid_gateway_first_frame_delay_seconds");
        assertEquals(1, first[0]);
        assertEquals(1.25, first[1], 1e-9);
        assertEquals(5.0 * TsPackets.SIZE, w.counters.get("framegrid_gateway_bytesin"));
        assertEquals(3.0 * TsPackets.SIZE, w.counters.get("framegrid_gateway_bytesout"));
    }

    @Test
    void framesDroppedWhileAModelLoadsDoNotSkewTheOthers() {
        // A fresh session drops its first input frames while its model stage loads (a LATEST queue): its first
        // output is a later input frame, and is timed from that frame's arrival, not from the first one's.
        GatewayMeters meters = new GatewayMeters();
        StreamMeter m = new StreamMeter(meters, 0);
        for (int i = 0; i < 60; i++) {
            m.input(pes(0xe0, 90000 + 3000L * i), 0, TsPackets.SIZE, (4000 + 33L * i) * MS);
        }
        m.output(pes(0xe0, 90000 + 3000L * 45), 0, TsPackets.SIZE, (4000 + 33L * 45 + 80) * MS);
        m.output(pes(0xe0, 90000 + 3000L * 46), 0, TsPackets.SIZE, (4000 + 33L * 46 + 70) * MS);
        Written w = new Written();
        meters.write("0xg", w);
        double[] latency = w.histograms.get("framegrid_gateway_latency_seconds");
        assertEquals(2, latency[0]);
        assertEquals(0.080 + 0.070, latency[1], 1e-9);
        assertEquals(1, w.histograms.get("framegrid_gateway_first_frame_delay_seconds")[0], "counted once a stream");
    }

    /**
     * A pump that fell behind a channel's window passes over the segments gone from it: their frames are counted from
     * the gap in time they leave (30 frames a segment here, at 30 fps), before the first frame after them. Before,
     * nothing counted them anywhere (the soak's "missing otherwise" under load).
     */
    @Test
    void framesOfSegmentsAPumpPassedOverAreCountedFromTheGapInTime() {
        StreamMeter m = new StreamMeter(new GatewayMeters(), 0);
        inputs(m, 0, 30, 0); // input segment 0: frames 0-29, 3000 ticks apart
        m.inputSkipped(2); // segments 1 and 2 (frames 30-89) were gone when the pump asked for 1
        m.inputSegment();
        m.input(pes(0xe0, 3000L * 90), 0, TsPackets.SIZE, 100 * MS);
        assertEquals(60, m.framesSkipped(), "the input's");
        outputs(m, 0, 30, 200); // output: frames 0-29 of the orchestrator's output segment 0
        m.outputSkipped(1); // its segment 1 (frames 30-59) was gone
        m.outputSegment();
        m.output(pes(0xe0, 3000L * 60), 0, TsPackets.SIZE, 300 * MS);
        assertEquals(90, m.framesSkipped(), "and the output's");
    }

    /**
     * A failover loses the frames in flight in the failed session (sent after the last one it sent back) and those of
     * the input segments the next session passes over (it starts at the live edge); a segment the next session gets
     * again is not lost. Before, neither was counted anywhere.
     */
    @Test
    void aFailoverCountsTheFramesInFlightAndThosePassedOver() {
        StreamMeter m = new StreamMeter(new GatewayMeters(), 0);
        m.sessionStarted();
        inputs(m, 0, 60, 0); // segments 0 and 1: frames 0-59
        outputs(m, 0, 40, 100); // frames 0-39 came back; 40-59 are in flight when it fails
        m.sessionFailed(1); // the next one starts at segment 3: segment 2 (frames 60-89) is passed over
        m.sessionStarted();
        m.input(pes(0xe0, 3000L * 90), 0, TsPackets.SIZE, 200 * MS);
        assertEquals(20 + 30, m.framesLostInFailover());

        StreamMeter again = new StreamMeter(new GatewayMeters(), 0);
        again.sessionStarted();
        inputs(again, 0, 45, 0); // segment 0 and half of segment 1
        outputs(again, 0, 30, 100);
        again.sessionFailed(0); // the next one gets segment 1 again, from its start
        again.sessionStarted();
        again.input(pes(0xe0, 3000L * 30), 0, TsPackets.SIZE, 200 * MS);
        assertEquals(0, again.framesLostInFailover(), "frames 30-44 go to the next session");
    }

    /**
     * The failed session's input pump stopped part-way through a live segment that the app went on writing, and the
     * next session starts at the next segment (none passed over): the rest of that segment reached no session. Before,
     * with no segment passed over, those frames were counted nowhere (the soak's unexplained frames under load).
     */
    @Test
    void aFailoverCountsTheRestOfTheSegmentTheFailedPumpLeft() {
        StreamMeter m = new StreamMeter(new GatewayMeters(), 0);
        m.sessionStarted();
        inputs(m, 0, 45, 0); // segment 0 and half of segment 1 (frames 30-44) were read; 45-59 were not
        outputs(m, 0, 40, 100); // frames 0-39 came back; 40-44 are in flight when it fails
        m.sessionFailed(0); // the next one starts at segment 2, the live edge
        m.sessionStarted();
        m.inputSegment();
        m.input(pes(0xe0, 3000L * 60), 0, TsPackets.SIZE, 200 * MS);
        assertEquals(5 + 15, m.framesLostInFailover());
    }

    /**
     * A fresh session's first output segments were gone from its channel before the pump read its first (a loaded
     * gateway): the session's input frames before the first output read are counted, not the gap from the previous
     * session's last output (its frames are the failover's). Before, a session's first segments passed over were
     * counted nowhere.
     */
    @Test
    void aSessionsFirstOutputSegmentsPassedOverAreCountedFromItsInput() {
        StreamMeter m = new StreamMeter(new GatewayMeters(), 0);
        m.sessionStarted();
        inputs(m, 0, 60, 0); // input segments 0 and 1: frames 0-59
        m.outputSkipped(1); // the session's output segment 0 (frames 0-29) was gone when the pump first read
        m.outputSegment();
        m.output(pes(0xe0, 3000L * 30), 0, TsPackets.SIZE, 100 * MS);
        assertEquals(30, m.framesSkipped());

        outputs(m, 31, 40, 100); // frames 31-39 came back; 40-59 are in flight when it fails
        m.sessionFailed(0);
        m.sessionStarted();
        m.inputSegment();
        inputs(m, 60, 90, 200); // the next session gets segment 2: frames 60-89
        m.outputSkipped(1); // its output segment 0 (frames 60-74) was gone too
        m.outputSegment();
        m.output(pes(0xe0, 3000L * 75), 0, TsPackets.SIZE, 400 * MS);
        assertEquals(20, m.framesLostInFailover());
        assertEquals(30 + 15, m.framesSkipped(), "not frames 40-59 again");
    }

    @Test
    void anOutputFrameWithoutItsInputIsNotTimed() {
        GatewayMeters meters = new GatewayMeters();
        StreamMeter m = new StreamMeter(meters, 0);
        m.input(pes(0xe0, 9000), 0, TsPackets.SIZE, 1000 * MS);
        m.output(pes(0xe0, 10000), 0, TsPackets.SIZE, 1100 * MS); // a time no input frame had
        Written w = new Written();
        meters.write("0xg", w);
        assertEquals(0, w.histograms.get("framegrid_gateway_latency_seconds")[0]);
    }

    private static byte[] concat(byte[]... parts) {
        List<Byte> all = new ArrayList<>();
        for (byte[] p : parts) {
            for (byte b : p) {
                all.add(b);
            }
        }
        byte[] b = new byte[all.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = all.get(i);
        }
        return b;
    }

    /** Frames {@code from} to {@code to - 1} of a 30 fps input (3000 ticks apart), frame i read at (startMs + i) ms. */
    private static void inputs(StreamMeter m, int from, int to, long startMs) {
        for (int i = from; i < to; i++) {
            m.input(pes(0xe0, 3000L * i), 0, TsPackets.SIZE, (startMs + i) * MS);
        }
    }

    /** The same frames coming back in the output, frame i at (startMs + i) ms. */
    private static void outputs(StreamMeter m, int from, int to, long startMs) {
        for (int i = from; i < to; i++) {
            m.output(pes(0xe0, 3000L * i), 0, TsPackets.SIZE, (startMs + i) * MS);
        }
    }
}
