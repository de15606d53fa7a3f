/**
 * The operator's view of a node, fed by every bundle that knows something worth watching: a bundle registers a
 * {@link org.framegrid.node.api.MetricSource} whose values the node serves on {@code /metrics} (Prometheus), on its
 * status page and in the shell, and a {@link org.framegrid.node.api.ReadinessCheck} that {@code /readyz} asks. The
 * node's HTTP service publishes what it gathered as {@link org.framegrid.node.api.NodeReport}; the logging bundle
 * publishes {@link org.framegrid.node.api.LogLevels}. A source that times something keeps a
 * {@link org.framegrid.node.api.Histogram} (since 1.1).
 *
 * <p>Metric names follow Prometheus: {@code framegrid_} then lower-case words joined by {@code _}, the unit last
 * ({@code _seconds}, {@code _bytes}, {@code _wei}); a counter's name is given without {@code _total}, which the
 * exposition adds. Labels stay bounded: a stream or session id only while it runs, never a frame.
 */
@Export
@Version("1.1.0")
package org.framegrid.node.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
