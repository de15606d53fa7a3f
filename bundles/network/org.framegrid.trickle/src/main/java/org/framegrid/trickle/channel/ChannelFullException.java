package org.framegrid.trickle.channel;

/**
 * A segment would hold more memory than its channel allows (see {@link MemorySegmentChannel}); the trickle server
 * answers such an upload 413. The segment's writer should abort it.
 *
 * @since 1.1
 */
public final class ChannelFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: which segment, how large, the bound */
    public ChannelFullException(String message) {
        super(message);
    }
}
