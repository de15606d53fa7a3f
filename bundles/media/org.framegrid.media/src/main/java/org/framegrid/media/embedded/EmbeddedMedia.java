package org.framegrid.media.embedded;

import org.framegrid.api.stage.StageProvider;
import org.framegrid.media.internal.stage.DecodeProvider;
import org.framegrid.media.internal.stage.EncodeProvider;
import org.framegrid.trickle.channel.SegmentChannels;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The {@code decode} and {@code encode} stage providers in a plain JVM, reading and writing live segments through the
 * channels given here (the same channels the caller's orchestrators and gateways use). Add them to an engine as DS
 * would bind them in a node.
 */
@ProviderType
public final class EmbeddedMedia {

    private final SegmentChannels channels;

    /** @param channels where {@code channel:NAME} inputs and outputs live */
    public EmbeddedMedia(SegmentChannels channels) {
        this.channels = channels;
    }

    /** @return a new {@code decode} provider (files, or live MPEG-TS segments from a channel) */
    public StageProvider decode() {
        return new DecodeProvider(channels);
    }

    /** @return a new {@code encode} provider (files, or live MPEG-TS segments into a channel) */
    public StageProvider encode() {
        return new EncodeProvider(channels);
    }
}
