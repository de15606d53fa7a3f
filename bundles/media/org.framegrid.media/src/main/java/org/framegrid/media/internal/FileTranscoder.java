package org.framegrid.media.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.framegrid.media.MediaException;

/**
 * A file job: decode a file, hand every picture to a processing step, encode to H.264 into a file, and pass the audio
 * through untouched with its own timestamps (so it stays in sync with the processed video).
 */
public final class FileTranscoder {
    /** Works on one picture in place: tightly packed {@code layout}, {@code width} x {@code height}. */
    @FunctionalInterface
    public interface Step {
        void apply(ByteBuffer pixels, int width, int height, long ptsNanos) throws MediaException;
    }

    /** What a run did. */
    public record Result(long frames, long audioPackets, long droppedFrames, String videoCodec, double seconds) {
    }

    private FileTranscoder() {
    }

    public static Result run(Path in, Path out, EncoderSettings settings, PixelLayout layout, Step step)
            throws MediaException {
        long start = System.nanoTime();
        long frames = 0;
        long audio = 0;
        ByteBuffer buffer = null;
        try (MediaReader reader = MediaReader.open(in, false)) {
            String codec = reader.videoCodec();
            MediaWriter writer = MediaWriter.toFile(out, null, settings, reader.audioTrack());
            try {
                MediaReader.Item item;
                while ((item = reader.next()) != MediaReader.Item.END) {
                    if (item == MediaReader.Item.AUDIO) {
                        writer.writeAudio(reader.audioPacket());
                        audio++;
                        continue;
                    }
                    int w = reader.width();
                    int h = reader.height();
                    int size = layout.byteSize(w, h);
                    if (buffer == null || buffer.capacity() < size) {
                        buffer = ByteBuffer.allocateDirect(size);
                    }
                    reader.copyPicture(layout, buffer);
                    step.apply(buffer, w, h, reader.ptsNanos());
                    writer.writePicture(buffer, layout, w, h, reader.ptsNanos());
                    frames++;
                }
            } finally {
                writer.close();
            }
            return new Result(frames, audio, writer.droppedFrames(), codec, (System.nanoTime() - start) / 1e9);
        }
    }
}
