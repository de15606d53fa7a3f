package org.framegrid.trickle.internal;

import java.util.Optional;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentChannels;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The node's in-memory segment channels, by name. Channels are closed when the component goes away. */
@Component(name = "org.framegrid.trickle.channels")
@Designate(ocd = SegmentChannelsComponent.Config.class)
public final class SegmentChannelsComponent implements SegmentChannels {
    @ObjectClassDefinition(name = "Framegrid segment channels")
    public @interface Config {
        @AttributeDefinition(description = "Segments kept per channel for late readers (trickle keeps 5). Since 0.1.")
        int retain() default 5;

        @AttributeDefinition(description = "Most bytes the kept segments of one channel hold together; older ones are "
                + "dropped early, and a segment larger than this alone is refused (HTTP 413). Since 0.2.")
        long max_bytes() default 64L << 20;
    }

    private final MemorySegmentChannels channels;

    @Activate
    public SegmentChannelsComponent(Config config) {
        this.channels = new MemorySegmentChannels(config.retain(), config.max_bytes());
    }

    @Override
    public SegmentChannel open(String name) {
        return channels.open(name);
    }

    @Override
    public Optional<SegmentChannel> find(String name) {
        return channels.find(name);
    }

    @Override
    public boolean remove(String name) {
        return channels.remove(name);
    }

    @Deactivate
    void deactivate() {
        channels.close();
    }
}
