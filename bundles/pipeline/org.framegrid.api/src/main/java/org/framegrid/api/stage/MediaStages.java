package org.framegrid.api.stage;

/**
 * How other bundles reach the media stages: the stage types that turn a file or a live segment channel into frames and
 * frames back into one, and the properties that say which. The media bundle registers its stages under these names;
 * the orchestrator points a session's pipeline at its channels and the {@code process} tool at files through them.
 *
 * @since 1.4
 */
public final class MediaStages {
    /** The source type that decodes a file or the live segments of a channel. */
    public static final String DECODE = "decode";
    /** {@link #DECODE}'s property naming what it reads: a file path, or {@link #CHANNEL_PREFIX}{@code NAME}. */
    public static final String DECODE_INPUT = "input";
    /**
     * The decode stage's live-edge switch (boolean): on live input, skip to the newest segment when one has begun
     * after the one due, and hand on no picture while later ones wait, so that no backlog survives a slow start or a
     * stall. Off by default (a push faster than real time, a lossless test); live pipelines set it.
     *
     * @since 1.5
     */
    public static final String DECODE_LIVE_EDGE = "live-edge";
    /** The sink type that encodes into a file or into live segments on a channel. */
    public static final String ENCODE = "encode";
    /** {@link #ENCODE}'s property naming what it writes: a file path, or {@link #CHANNEL_PREFIX}{@code NAME}. */
    public static final String ENCODE_OUTPUT = "output";
    /**
     * Prefix of a {@link #DECODE_INPUT} or {@link #ENCODE_OUTPUT} value that names a channel of the node's segment
     * channels service ({@code org.framegrid.trickle.channel.SegmentChannels}) instead of a file.
     */
    public static final String CHANNEL_PREFIX = "channel:";

    private MediaStages() {
    }
}
