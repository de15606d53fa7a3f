/**
 * Media I/O for pipelines: the in-memory segment channel the transport feeds, and the error type media code reports.
 * Decoding and encoding themselves are stages (services), not API.
 */
@Export
@Version("0.1.0")
package org.framegrid.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
