package org.framegrid.trickle.channel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named {@link MemorySegmentChannel}s: the node's {@link SegmentChannels} service is one of these, and code outside a
 * framework (tests, tools) makes its own. Thread-safe; {@link #close()} closes every channel.
 */
public final class MemorySegmentChannels implements SegmentChannels, AutoCloseable {
    private final Map<String, SegmentChannel> channels = new ConcurrentHashMap<>();
    private final int retain;
    private final long maxBytes;

    /** @param retain segments kept per channel for late readers (trickle keeps 5) */
    public MemorySegmentChannels(int retain) {
        this(retain, MemorySegmentChannel.DEFAULT_MAX_BYTES);
    }

    /**
     * @param retain segments kept per channel for late readers (trickle keeps 5)
     * @param maxBytes the most bytes one channel's kept segments hold together
     * @since 1.1
     */
    public MemorySegmentChannels(int retain, long maxBytes) {
        this.retain = retain;
        this.maxBytes = maxBytes;
    }

    @Override
    public SegmentChannel open(String name) {
        return channels.computeIfAbsent(name, n -> new MemorySegmentChannel(n, retain, maxBytes));
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

    /** Closes and forgets every channel. */
    @Override
    public void close() {
        channels.values().forEach(SegmentChannel::close);
        channels.clear();
    }
}
