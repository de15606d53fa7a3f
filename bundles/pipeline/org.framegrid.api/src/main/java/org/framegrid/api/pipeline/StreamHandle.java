package org.framegrid.api.pipeline;

import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    /** Stops the stream: threads joined, stage instances stopped, frames released. Idempotent. */
    @Override
    void close();
}
