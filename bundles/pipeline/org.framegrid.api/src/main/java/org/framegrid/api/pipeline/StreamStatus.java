package org.framegrid.api.pipeline;

import java.util.List;

/**
 * A snapshot of a running stream, sent to {@link StreamStatusListener}s on every state change and periodically.
 *
 * <p>Immutable and thread-safe.
 *
 * @param streamId the stream; never {@code null}
 * @param pipeline the pipeline name; never {@code null}
 * @param revision the revision of the definition the stream runs; never {@code null}
 * @param state the state; never {@code null}
 * @param reason why the state is not {@code ONLINE}, or {@code null}
 * @param timestampMillis when the snapshot was taken (epoch milliseconds)
 * @param stages one entry per node, in topological order; never {@code null}
 */
public record StreamStatus(String streamId, String pipeline, String revision, StreamState state, String reason,
                           long timestampMillis, List<StageStatus> stages) {

    /** Copies the list. */
    public StreamStatus {
        stages = List.copyOf(stages);
    }
}
