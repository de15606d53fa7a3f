/**
 * Orchestrator selection for gateways: which candidates may serve a stream, in which order, and what the gateway
 * observed about them (latency, successes, failures) so that failing ones are suspended for a while. A strategy is a
 * bundle registering an {@link org.framegrid.selection.api.OrchestratorSelector}; the highest-ranked one is used.
 */
@Export
@Version("1.0.0")
package org.framegrid.selection.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
