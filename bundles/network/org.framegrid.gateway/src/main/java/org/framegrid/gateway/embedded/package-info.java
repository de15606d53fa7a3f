/**
 * The gateway node without a framework: {@link org.framegrid.gateway.embedded.EmbeddedGateway} runs one node (its
 * developer API, orchestrator discovery, sessions and payments) with the services its caller hands in, until it is
 * closed.
 *
 * <p>Why it exists: the node's classes are internal, and what it runs on (segment channels, a selection, a payment
 * sender, a server factory, the chain's orchestrator pool) is configuration DS injects; yet end-to-end tests of other
 * modules, tools and apps that embed a node run a real gateway in a plain JVM. This package is their one entry point,
 * so none of them imports the gateway's internal package. In a node each configuration of the factory PID
 * {@code org.framegrid.gateway} runs one node; nothing deployed uses this package.
 *
 * @since 1.0
 */
@Export
@Version("1.2.0")
package org.framegrid.gateway.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
