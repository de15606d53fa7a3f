package org.framegrid.api.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * Statistics of one node of a running stream.
 *
 * <p>Immutable and thread-safe.
 *
 * @param node the node name; never {@code null}
 * @param type the stage type; never {@code null}
 * @param provider who provides the running instance (for OSGi: {@code bundle-symbolic-name:version}), followed by
 *     what the instance said it runs with in brackets when it did (a model stage: {@code (model blazeface-front
 *     1.2.0)}, see {@code StageContext.using}); {@code null} when bypassed or held
 * @param mode how frames are handled now; never {@code null}
 * @param reloading whether a new instance is being prepared (property change or provider swap)
 * @param fps frames processed per second over the last status period
 * @param p50Millis median processing time of one frame in this node, milliseconds
 * @param p99Millis 99th percentile of the same
 * @param queueDepth frames waiting in the node's input queue now
 * @param queueCapacity the capacity of that queue (0 for a source)
 * @param processed frames processed since the stream started
 * @param drops frames dropped from the node's input queue (policy {@code LATEST}) since the stream started
 * @param errors frames that failed in the node since the stream started
 * @param lastError the message of the last failure, or {@code null}
 * @param expectedFrames how many frames a source expects to emit in all (a file's frame count), or -1 when unknown
 *     (live input, and every node but a source); since 1.2
 * @param using what the running instance said it runs with ({@code StageContext.using}, e.g.
 *     {@code model blazeface-front 1.2.0}), or {@code null}; also shown in {@code provider}; since 1.4
 * @param latency the node's processing times since the stream started, in buckets; never {@code null}; since 1.4
 */
public record StageStatus(String node, String type, String provider, StageMode mode, boolean reloading, double fps,
                          double p50Millis, double p99Millis, int queueDepth, int queueCapacity, long processed,
                          long drops, long errors, String lastError, long expectedFrames, String using,
                          LatencyHistogram latency) {

    /** Checks that there is a histogram. */
    public StageStatus {
        Objects.requireNonNull(latency, "latency");
    }

    /** The status without {@code using} and histogram, as before 1.4: an empty histogram. */
    public StageStatus(String node, String type, String provider, StageMode mode, boolean reloading, double fps,
            double p50Millis, double p99Millis, int queueDepth, int queueCapacity, long processed, long drops,
            long errors, String lastError, long expectedFrames) {
        this(node, type, provider, mode, reloading, fps, p50Millis, p99Millis, queueDepth, queueCapacity, processed,
                drops, errors, lastError, expectedFrames, null,
                new LatencyHistogram(List.of(), List.of(0L), 0));
    }

    /** The status without an expected frame count, as before 1.2. */
    public StageStatus(String node, String type, String provider, StageMode mode, boolean reloading, double fps,
            double p50Millis, double p99Millis, int queueDepth, int queueCapacity, long processed, long drops,
            long errors, String lastError) {
        this(node, type, provider, mode, reloading, fps, p50Millis, p99Millis, queueDepth, queueCapacity, processed,
                drops, errors, lastError, -1);
    }
}
