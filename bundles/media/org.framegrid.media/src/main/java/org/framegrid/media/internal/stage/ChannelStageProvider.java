package org.framegrid.media.internal.stage;

import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.trickle.channel.SegmentChannels;

/**
 * The media stage providers: a descriptor and the segment channels their stages read live input from or publish live
 * output to ({@code channel:NAME}). A subclass is the DS component and names {@code StageProvider} as its service (bnd
 * infers only the interfaces a component class implements itself).
 */
abstract class ChannelStageProvider implements StageProvider {

    private final StageDescriptor descriptor;
    /** The node's segment channels, for the stages this provider creates. */
    final SegmentChannels channels;

    ChannelStageProvider(StageDescriptor descriptor, SegmentChannels channels) {
        this.descriptor = descriptor;
        this.channels = channels;
    }

    @Override
    public final StageDescriptor descriptor() {
        return descriptor;
    }
}
