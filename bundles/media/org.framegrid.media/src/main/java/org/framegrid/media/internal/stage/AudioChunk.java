package org.framegrid.media.internal.stage;

import java.util.List;
import org.framegrid.api.frame.MetaKey;
import org.framegrid.media.internal.AudioPacket;
import org.framegrid.media.internal.AudioTrack;

/**
 * The source audio that arrived since the previous video frame, riding on the next frame as metadata so that it goes
 * wherever the frame goes and the encoder writes it beside the processed picture: sync by construction, whatever the
 * stages in between do to the picture.
 *
 * @param track the audio stream's description, or null when the input has no audio
 * @param packets the compressed packets, untouched, in demux order
 */
public record AudioChunk(AudioTrack track, List<AudioPacket> packets) {
    /** The metadata slot. */
    public static final MetaKey<AudioChunk> KEY = new MetaKey<>("framegrid.media.audio", AudioChunk.class);

    public AudioChunk {
        packets = List.copyOf(packets);
    }
}
