package org.framegrid.media.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.framegrid.media.SegmentChannel;
import org.framegrid.media.SegmentChannels;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The node's in-memory segment channels, by name. Channels are closed when the component goes away. */
@Component(name = "org.framegrid.media.channels")
@Designate(ocd = SegmentChannelsComponent.Config.class)
public final class SegmentChannelsComponent implements SegmentChannels {
    @ObjectClassDefinition(name = "Framegrid segment channels")
    public @interface Config {
        @AttributeDefinition(description = "Segments kept per channel for late readers (trickle keeps 5). Since 0.1.")
        int retain() default 5;
    }

    private final Map<String, SegmentChannel> channels = new ConcurrentHashMap<>();
    private final int retain;

    @Activate
    public SegmentChannelsComponent(Config config) {
        this.retain = config.retain();
    }

    @Override
    public SegmentChannel open(String name) {
        return channels.computeIfAbsent(name, n -> new MemorySegmentChannel(n, retain));
    }

    @Override
    public Optional<SegmentChannel> find(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    @Override
    public boolean remove(String name) {
        SegmentChannel c = channels.remove(name);
        if (c != null) {
            c.close();
        }
        return c != null;
    }

    @Deactivate
    void deactivate() {
        channels.values().forEach(SegmentChannel::close);
        channels.clear();
    }
}
