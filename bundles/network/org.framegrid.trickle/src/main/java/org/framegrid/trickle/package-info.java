/**
 * Trickle-style HTTP streaming: a node's HTTP server serves named channels of numbered segments (MPEG-TS media or
 * one JSON message per segment) that readers consume while the writer is still writing, and small request/response
 * routes (JSON APIs) on the same port. No Netty types appear here.
 *
 * <p>Wire format, per channel {@code NAME} under {@link TrickleServer#TRICKLE_PATH}:
 * {@code POST NAME/SEQ} publishes segment SEQ (chunked; -1 means "the next one"); {@code GET NAME/SEQ} streams
 * segment SEQ, waiting for it if it does not exist yet (-1 means the live edge: the segment being written now);
 * the response header {@value TrickleServer#SEQ_HEADER} says which segment the body is (a reader that fell behind the
 * retention window is moved forward). {@code DELETE NAME} closes the channel; readers then get 404 with header
 * {@value TrickleServer#CLOSED_HEADER}.
 */
@Export
@Version("3.0.0")
package org.framegrid.trickle;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
