/**
 * Video frames: pooled, reference-counted, off-heap pixel data plus typed metadata that stages attach and later stages
 * read. Frames are obtained from a {@link org.framegrid.api.frame.FramePool} and returned to it by
 * {@link org.framegrid.api.frame.Frame#release()}.
 *
 * <p>2.0: the tensor attached as metadata is {@link org.framegrid.api.frame.FrameTensor} (it was {@code Tensor}, a
 * name it shared with the inference API's tensor); {@link org.framegrid.api.frame.Tensors#with(java.util.List)}.
 * 2.1: decoded audio riding on frames, {@link org.framegrid.api.frame.AudioSamples} under
 * {@link org.framegrid.api.frame.FrameMeta#AUDIO}.
 * 2.2: {@link org.framegrid.api.frame.FrameCode}, the code a source draws into the picture to measure latency per frame.
 */
@Export
@Version("2.2.0")
package org.framegrid.api.frame;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
