package org.framegrid.api.pipeline;

/**
 * What the bounded queue in front of a node does when it is full.
 *
 * <p>Immutable and thread-safe.
 */
public enum QueuePolicy {
    /** Real-time default: the oldest queued frame is dropped (and counted), so a slow stage never builds a backlog. */
    LATEST,
    /** File jobs: the producer waits; nothing is dropped. */
    BLOCK,
    /**
     * No queue and no thread: the node runs on the thread of the node feeding it, right after it (GStreamer without a
     * {@code queue} element). For cheap stages (overlay, resize): it saves a thread hand-off per frame, but a slow
     * direct stage slows its upstream.
     */
    DIRECT
}
