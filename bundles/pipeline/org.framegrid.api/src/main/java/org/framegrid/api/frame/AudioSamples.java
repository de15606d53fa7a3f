package org.framegrid.api.frame;

/**
 * Uncompressed audio riding on a video frame (value of {@link FrameMeta#AUDIO}): the samples that arrived since the
 * previous frame, so that audio goes wherever its picture goes and a sink writes both side by side. Sources whose
 * audio comes decoded (a WebRTC publisher) attach it, and sinks that need it decoded (a WebRTC viewer) read it.
 *
 * <p>Immutable by convention: the array is not copied, and nobody writes into it after it is attached.
 *
 * @param sampleRate samples per second per channel, e.g. 48000
 * @param channels interleaved channels, 1 or 2
 * @param ptsNanos presentation time of the first sample, on the clock of the frames' {@link Frame#pts()}
 * @param samples signed 16-bit samples, channels interleaved; a whole number of sample frames
 * @since 2.1
 */
public record AudioSamples(int sampleRate, int channels, long ptsNanos, short[] samples) {

    /** Checks the shape. */
    public AudioSamples {
        if (sampleRate <= 0 || channels < 1 || channels > 2) {
            throw new IllegalArgumentException("audio of " + sampleRate + " Hz and " + channels
                    + " channels: need a positive rate and 1 or 2 channels");
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples are not whole frames of " + channels
                    + " channels");
        }
    }

    /** @return the number of sample frames (samples per channel) */
    public int frames() {
        return samples.length / channels;
    }

    /** @return how long the samples last, in nanoseconds */
    public long durationNanos() {
        return frames() * 1_000_000_000L / sampleRate;
    }
}
