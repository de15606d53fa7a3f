/**
 * A trickle client on the JDK's HttpClient: publish a segment while it is being produced, read one while it is being
 * written, find the live edge. Plain Java, usable outside a framework.
 */
@Export
@Version("2.0.0")
package org.framegrid.trickle.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
