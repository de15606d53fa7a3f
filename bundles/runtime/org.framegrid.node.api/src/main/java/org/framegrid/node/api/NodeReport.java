package org.framegrid.node.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the node's operator surface gathered, for other views of it (the shell): published by the node's HTTP service.
 *
 * <p>Thread-safe; every call reads the sources and checks afresh.
 */
@ProviderType
public interface NodeReport {

    /** @return every value of every registered {@link MetricSource} now, in the order written; never {@code null} */
    List<MetricSample> samples();

    /**
     * @return the node's readiness conditions now: its bundles and components, then every registered
     *     {@link ReadinessCheck}; never {@code null}
     */
    List<Readiness> readiness();
}
