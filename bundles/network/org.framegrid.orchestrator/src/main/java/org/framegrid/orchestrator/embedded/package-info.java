/**
 * The orchestrator node without a framework: {@link org.framegrid.orchestrator.embedded.EmbeddedOrchestrator} runs
 * one node (its HTTP API, sessions and payment meter) with the services its caller hands in, until it is closed.
 *
 * <p>Why it exists: the node's classes are internal, and what it runs on (a pipeline service, segment channels, a
 * payment receiver, a server factory) is configuration DS injects; yet the network tests of other modules, tools and
 * apps that embed a node run real orchestrators in a plain JVM. This package is their one entry point, so none of them
 * imports the orchestrator's internal package. In a node each configuration of the factory PID
 * {@code org.framegrid.orchestrator} runs one node; nothing deployed uses this package.
 *
 * @since 1.0
 */
@Export
@Version("1.1.0")
package org.framegrid.orchestrator.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
