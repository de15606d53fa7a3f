/** A Java client for the gateway's developer API: start a stream, publish input, read output, update, stop. */
@Export
@Version("1.2.0")
package org.framegrid.gateway.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
