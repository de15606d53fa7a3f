package org.framegrid.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.frame.AudioSamples;
import org.framegrid.trickle.channel.MemorySegmentChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Decoded audio (a 440 Hz tone as 16-bit PCM, as a WebRTC publisher's arrives) is encoded to AAC beside the video
 * into live MPEG-TS segments, and decoded back to PCM: the tone comes back, at its pitch and loudness.
 */
@Timeout(60)
class PcmAudioTest {
    private static final int FPS = 30;
    private static final int RATE = 48_000;

    @Test
    void aToneEncodedToAacInSegmentsDecodesBackToTheTone() throws Exception {
        MemorySegmentChannel channel = new MemorySegmentChannel("out", 10);
        int seconds = 2;
        try (AacEncoder aac = new AacEncoder(RATE, 2)) {
            MediaWriter writer = MediaWriter.toSegments("out", seq -> channel.publish(), 1.0,
                    EncoderSettings.lowLatency(1_000_000, 1.0, FPS), aac.track());
            ByteBuffer rgb = ByteBuffer.allocateDirect(160 * 120 * 3);
            int perFrame = RATE / FPS;
            for (int f = 0; f < seconds * FPS; f++) {
                short[] pcm = new short[perFrame * 2];
                for (int i = 0; i < perFrame; i++) {
                    short v = (short) (Math.sin(2 * Math.PI * 440 * (f * perFrame + i) / RATE) * 16_000);
                    pcm[2 * i] = v;
                    pcm[2 * i + 1] = v;
                }
                long pts = f * 1_000_000_000L / FPS;
                for (AudioPacket p : aac.encode(new AudioSamples(RATE, 2, pts, pcm))) {
                    writer.writeAudio(p);
                }
                writer.writePicture(rgb, PixelLayout.RGB24, 160, 120, pts);
            }
            writer.close();
        }
        channel.close();

        List<AudioPacket> packets = new ArrayList<>();
        AudioTrack[] track = new AudioTrack[1];
        new SegmentDecoder(channel).run(0, 1, TimeUnit.SECONDS, new SegmentDecoder.Receiver() {
            @Override
            public void picture(MediaReader reader) {
            }

            @Override
            public void audio(AudioTrack t, AudioPacket packet) {
                track[0] = t;
                packets.add(packet);
            }
        });
        assertEquals("aac", track[0].codec());
        assertTrue(packets.size() >= seconds * RATE / 1024 - 3, "AAC packets muxed: " + packets.size());
        AudioSamples back;
        try (AudioDecoder decoder = new AudioDecoder(track[0])) {
            back = decoder.decode(packets);
        }
        assertEquals(RATE, back.sampleRate());
        assertEquals(2, back.channels());
        assertTrue(back.frames() >= (seconds - 0.1) * RATE, "samples decoded: " + back.frames());
        double sum = 0;
        int crossings = 0;
        int from = RATE / 2; // past the encoder's priming
        int to = back.frames() - RATE / 10;
        for (int i = from; i < to; i++) {
            double v = back.samples()[2 * i];
            sum += v * v;
            if ((back.samples()[2 * (i - 1)] < 0) != (v < 0)) {
                crossings++;
            }
        }
        double rms = Math.sqrt(sum / (to - from));
        double hz = crossings / 2.0 * RATE / (to - from);
        assertTrue(rms > 16_000 / Math.sqrt(2) * 0.8 && rms < 16_000 / Math.sqrt(2) * 1.2, "loudness kept: " + rms);
        assertTrue(Math.abs(hz - 440) < 10, "pitch kept: " + hz + " Hz");
    }
}
