/**
 * Test support shared by the modules' tests: waiting, real and synthetic fixtures, providers through their service
 * interfaces. Exported only so that in-framework tests can install it beside a node's bundles; no node contains it.
 *
 * <p>1.1: {@link org.framegrid.testing.TcpProxy}, a TCP link a test can cut (outages, lost replies) and that counts
 * the connections it refused while cut;
 * {@link org.framegrid.testing.MediaPipeReference} (MediaPipe's own results on the real test images),
 * {@link org.framegrid.testing.RawModel} and the CPU times of {@link org.framegrid.testing.SideBySide}.
 * <p>1.2: {@link org.framegrid.testing.TrackerThroughput}; {@link org.framegrid.testing.LogLines#operatorView}, the
 * formatted lines an operator reads, and {@link org.framegrid.testing.LogLines#containing}.
 * <p>1.3: {@link org.framegrid.testing.Forwarding}, a stand-in that forwards a service's calls and counts them.
 * <p>1.4: {@link org.framegrid.testing.Texts#assertContains}, the parts a text must hold;
 * {@link org.framegrid.testing.DevKeys}, anvil's well-known development keys.
 *
 * @since 1.0
 */
@Export
@Version("1.4.0")
package org.framegrid.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
