package org.framegrid.api.pipeline;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.stage.FrameListener;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A running stream, returned by {@link PipelineService#start}. Closing it stops the stream.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface StreamHandle extends AutoCloseable {

    /** @return the stream id; never {@code null} */
    String streamId();

    /** @return the definition the stream runs (kept even when a newer revision is registered); never {@code null} */
    PipelineDefinition definition();

    /**
     * Changes property values while the stream runs; see {@link PipelineService#update}.
     *
     * @param params values keyed {@code node.property}; never {@code null}
     * @throws PipelineDefinitionException if a key names no node or property, or a value is invalid
     */
    void update(Map<String, Object> params) throws PipelineDefinitionException;

    /** @return a fresh snapshot; never {@code null} */
    StreamStatus status();

    /**
     * Waits until the stream has ended, by itself (a source reached its end of stream and every frame went through)
     * or because it was closed.
     *
     * @param timeout how long to wait at most
     * @param unit the unit of {@code timeout}
     * @return whether the stream has ended
     * @throws InterruptedException if the waiting thread is interrupted
     * @since 1.1
     */
    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Hands every frame that reaches node {@code node} to {@code listener}, before the node processes it: how a
     * stream's owner observes that one stream (the orchestrator's per-frame events, a test counting output frames)
     * without adding a node to its pipeline. Frames that reached the node before the tap was added, and frames a
     * leaky queue dropped before the node, are not seen. The listener is called on the frame thread that feeds the
     * node, so it must be fast and thread-safe; the frame is borrowed for the call (see {@link FrameListener}) and
     * must not be modified. An exception it throws is counted as an error of the node and the frame goes on.
     *
     * @param node the name of a node that has an input (not a source); never {@code null}
     * @param listener called with the stream id, {@code node} and the frame; never {@code null}
     * @return the tap; close it to remove it
     * @throws IllegalArgumentException if the stream has no such node, or the node is a source
     * @since 1.3
     */
    StreamTap tap(String node, FrameListener listener);

    /**
     * Sends an app event to node {@code node}: it waits in the node's bounded event queue until the node's stage takes
     * it at a frame boundary ({@code StageContext.nextEvent}), so that an interactive stage reflects it in its next
     * frame. Unlike {@link #update}, events are not coalesced: each is delivered once, in order; when the queue is
     * full the oldest is dropped and counted.
     *
     * @param node the name of a node of the stream; never {@code null}
     * @param event the event, a JSON object (maps, lists, strings, numbers, booleans); never {@code null}
     * @throws IllegalArgumentException if the stream has no such node
     * @since 1.5
     */
    void send(String node, Map<String, Object> event);

    /** Stops the stream: threads joined, stage instances stopped, frames released. Idempotent. */
    @Override
    void close();
}
