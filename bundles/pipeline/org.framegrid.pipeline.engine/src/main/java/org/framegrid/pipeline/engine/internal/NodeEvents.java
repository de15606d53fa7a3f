package org.framegrid.pipeline.engine.internal;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app events sent to one node and not yet taken by its stage: a bounded queue that drops (and counts) the oldest
 * when full, so an app that sends faster than the stage takes cannot grow memory or delay the newest input without
 * bound. It belongs to the node, not to an instance, so events survive an instance swap. Thread-safe.
 */
final class NodeEvents {
    static final int CAPACITY = 64;

    private final ArrayDeque<Map<String, Object>> pending = new ArrayDeque<>();
    private long dropped;

    synchronized void offer(Map<String, Object> event) {
        if (pending.size() == CAPACITY) {
            pending.poll();
            dropped++;
        }
        pending.add(Collections.unmodifiableMap(new LinkedHashMap<>(event)));
    }

    /** @return the oldest pending event, or {@code null} */
    synchronized Map<String, Object> poll() {
        return pending.poll();
    }

    /** @return events dropped because the queue was full */
    synchronized long dropped() {
        return dropped;
    }
}
