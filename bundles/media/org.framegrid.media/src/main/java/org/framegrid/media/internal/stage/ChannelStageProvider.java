package org.framegrid.media.internal.stage;

import java.util.function.Function;
import org.framegrid.api.stage.Stage;
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
    private final SegmentChannels channels;
    private final Function<SegmentChannels, Stage> instances;

    /** @param instances makes an instance that uses {@code channels} */
    ChannelStageProvider(StageDescriptor descriptor, SegmentChannels channels,
                         Function<SegmentChannels, Stage> instances) {
        this.descriptor = descriptor;
        this.channels = channels;
        this.instances = instances;
    }

    @Override
    public final StageDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Stage create() {
        return instances.apply(channels);
    }
}
