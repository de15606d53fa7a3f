package org.framegrid.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.channel.MemorySegmentChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** MP4 with audio -> live MPEG-TS segments -> decode: every audio packet arrives, next to the video of its time. */
@Timeout(60)
class SegmentAudioTest {
    static final int FPS = 25;

    @TempDir
    Path dir;

    @Test
    void audioPassesThroughSegmentsInSync() throws Exception {
        Path in = dir.resolve("in.mp4");
        Synthetic.clip(in, "mp4", "libopenh264", 320, 240, FPS, 3 * FPS, true);
        int audioIn = FileTranscodeTest.audioPackets(in).size();

        MemorySegmentChannel channel = new MemorySegmentChannel("out", 10);
        try (MediaReader reader = MediaReader.open(in, false)) {
            MediaWriter writer = MediaWriter.toSegments("out", seq -> channel.publish(), 1.0,
                    EncoderSettings.lowLatency(1_000_000, 1.0, FPS), reader.audioTrack());
            ByteBuffer rgb = ByteBuffer.allocateDirect(320 * 240 * 3);
            MediaReader.Item item;
            while ((item = reader.next()) != MediaReader.Item.END) {
                if (item == MediaReader.Item.AUDIO) {
                    writer.writeAudio(reader.audioPacket());
                } else {
                    reader.copyPicture(PixelLayout.RGB24, rgb);
                    writer.writePicture(rgb, PixelLayout.RGB24, 320, 240, reader.ptsNanos());
                }
            }
            writer.close();
            assertEquals(3, writer.segments());
        }
        channel.close();

        List<Long> videoPts = new ArrayList<>();
        List<Long> audioPts = new ArrayList<>();
        List<String> codecs = new ArrayList<>();
        SegmentDecoder decoder = new SegmentDecoder(channel);
        decoder.run(0, 1, TimeUnit.SECONDS, new SegmentDecoder.Receiver() {
            @Override
            public void picture(MediaReader reader) {
                videoPts.add(reader.ptsNanos());
            }

            @Override
            public void audio(AudioTrack track, AudioPacket packet) {
                audioPts.add(packet.ptsNanos());
                codecs.add(track.codec());
            }
        });
        assertEquals(0, decoder.badSegments());
        assertEquals(3 * FPS, videoPts.size());
        assertEquals(audioIn, audioPts.size(), "every audio packet passed through the segments");
        assertEquals("aac", codecs.get(0));
        // In sync: audio and video cover the same span, to within one video frame and one AAC frame.
        long frame = 1_000_000_000L / FPS;
        long aacFrame = 1024L * 1_000_000_000L / 48_000;
        long videoEnd = videoPts.get(videoPts.size() - 1) + frame;
        long audioEnd = audioPts.get(audioPts.size() - 1) + aacFrame;
        assertTrue(Math.abs(videoPts.get(0) - Math.max(0, audioPts.get(0))) <= frame,
                "start: video " + videoPts.get(0) + " audio " + audioPts.get(0));
        assertTrue(Math.abs(videoEnd - audioEnd) <= frame + aacFrame, "end: video " + videoEnd + " audio " + audioEnd);
    }
}
