package org.framegrid.media.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.framegrid.media.MediaException;
import org.framegrid.trickle.channel.SegmentChannel;

/**
 * Decodes a live stream that arrives as MPEG-TS segments from a {@link SegmentChannel}, one demuxer per segment
 * (each segment starts with its tables and a key frame), each segment decoded while it is still arriving. A segment
 * that cannot be decoded (corrupt, truncated, not MPEG-TS) is counted and skipped; the stream goes on with the next.
 */
public final class SegmentDecoder {
    /** Receives what the segments contain, in order. */
    public interface Receiver {
        /** A decoded picture: the reader is positioned on it (copy it out with {@link MediaReader#copyPicture}). */
        void picture(MediaReader reader) throws IOException;

        /** An audio packet of the segment's audio track, passed through undecoded. */
        default void audio(AudioTrack track, AudioPacket packet) throws IOException {
        }

        /** A segment was skipped; {@code error} is the one-line reason. */
        default void skipped(String error) {
        }
    }

    private final SegmentChannel channel;
    private long badSegments;
    private long goodSegments;
    private long pictures;

    public SegmentDecoder(SegmentChannel channel) {
        this.channel = channel;
    }

    /**
     * Decodes segments from {@code firstSequence} until the channel closes or no segment comes within {@code idle}.
     *
     * @return the sequence number after the last segment handled
     */
    public long run(long firstSequence, long idle, TimeUnit unit, Receiver receiver) throws InterruptedException, IOException {
        long sequence = firstSequence;
        while (!Thread.currentThread().isInterrupted()) {
            SegmentChannel.Segment input = channel.await(sequence, idle, unit);
            if (input == null) {
                break;
            }
            sequence = input.sequence() + 1;
            decodeOne(input, receiver);
        }
        return sequence;
    }

    private void decodeOne(SegmentChannel.Segment input, Receiver receiver) throws IOException {
        long before = pictures;
        try (MediaReader reader = MediaReader.open(input.bytes(), input.name(), "mpegts", true)) {
            MediaReader.Item item;
            while ((item = reader.next()) != MediaReader.Item.END) {
                if (item == MediaReader.Item.PICTURE) {
                    pictures++;
                    receiver.picture(reader);
                } else {
                    receiver.audio(reader.audioTrack(), reader.audioPacket());
                }
            }
            if (pictures == before) {
                throw new MediaException(input.name() + ": no picture decoded");
            }
            goodSegments++;
        } catch (MediaException e) {
            badSegments++;
            receiver.skipped(e.getMessage());
            drain(input);
        }
    }

    /** Reads the rest of a skipped segment so a live writer is never blocked by it. */
    private static void drain(SegmentChannel.Segment input) {
        byte[] sink = new byte[16 * 1024];
        try {
            while (input.bytes().read(sink, 0, sink.length) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // a truncated segment ends here
        }
    }

    /** @return segments skipped because they could not be decoded */
    public long badSegments() {
        return badSegments;
    }

    /** @return segments decoded */
    public long goodSegments() {
        return goodSegments;
    }

    /** @return pictures decoded over all segments */
    public long pictures() {
        return pictures;
    }
}
