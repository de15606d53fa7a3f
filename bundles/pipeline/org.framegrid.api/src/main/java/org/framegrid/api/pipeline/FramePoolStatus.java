package org.framegrid.api.pipeline;

/**
 * The engine's frame pool now: the off-heap pixel memory every stream of the node shares.
 *
 * <p>Immutable and thread-safe.
 *
 * @param borrowed frames handed out and not yet released
 * @param buffersAllocated pixel buffers allocated since the engine started (a steady stream allocates none)
 * @param bytesHeld off-heap bytes of the buffers the pool holds now: borrowed and free ones (buffers it let go are
 *     left to the garbage collector and no longer counted)
 * @since 1.4
 */
public record FramePoolStatus(int borrowed, long buffersAllocated, long bytesHeld) {
}
