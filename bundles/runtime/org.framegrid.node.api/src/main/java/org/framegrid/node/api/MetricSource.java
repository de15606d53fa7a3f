package org.framegrid.node.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: a bundle's current metric values, read when the node is scraped or its status page refreshes
 * (snapshot on scrape: the source keeps its own counters, the node keeps nothing).
 *
 * <p>Called on a thread of the node's HTTP service, possibly on several at once: must be thread-safe, fast, and must
 * not block on the network or the chain (write what was read last, or leave a value out).
 */
@ConsumerType
public interface MetricSource {

    /** @param out where to write every value this source has now; never {@code null} */
    void collect(MetricWriter out);
}
