/**
 * Video frames: pooled, reference-counted, off-heap pixel data plus typed metadata that stages attach and later stages
 * read. Frames are obtained from a {@link org.framegrid.api.frame.FramePool} and returned to it by
 * {@link org.framegrid.api.frame.Frame#release()}.
 */
@Export
@Version("1.0.0")
package org.framegrid.api.frame;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
