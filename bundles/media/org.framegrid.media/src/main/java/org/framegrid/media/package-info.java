/**
 * The error type media code reports. Decoding and encoding themselves are stages (services), not API; the segment
 * channels they read and write live stream through are trickle's ({@code org.framegrid.trickle.channel}).
 */
@Export
@Version("1.0.0")
package org.framegrid.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
