package org.framegrid.node.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: conditions of a node's readiness (its bundles and components active, the chain reachable, the
 * models of the advertised pipelines installed). {@code /readyz} answers 200 only while every condition of every
 * check is ready.
 *
 * <p>Called on a thread of the node's HTTP service on every probe: must be thread-safe and fast (answer from what a
 * background task found last, never wait on the network).
 */
@ConsumerType
public interface ReadinessCheck {

    /** @return the conditions now, at least one; never {@code null} */
    List<Readiness> check();
}
