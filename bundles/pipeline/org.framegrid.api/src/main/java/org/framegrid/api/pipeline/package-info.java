/**
 * Pipelines and streams: definitions (filled by a parser such as the YAML loader), the
 * {@link org.framegrid.api.pipeline.PipelineService} that runs one instance of a definition per stream, the
 * {@link org.framegrid.api.pipeline.StageCatalog} of stage types currently available, status records, and the
 * per-stream {@link org.framegrid.api.pipeline.StreamTap taps} through which a stream's owner observes its frames,
 * and the {@link org.framegrid.api.pipeline.DidYouMean} every pipeline message suggests names with.
 *
 * <p>1.4: what an operator's metrics need from a stream and the engine: each node's processing times in buckets
 * ({@link org.framegrid.api.pipeline.LatencyHistogram}) and what it runs with ({@code StageStatus.using}), and the
 * frame pool's memory ({@link org.framegrid.api.pipeline.PipelineService#framePool()}).
 * 1.5: app events to a stream's nodes ({@link org.framegrid.api.pipeline.StreamHandle#send}), taken by a stage at
 * its next frame boundary.
 */
@Export
@Version("1.5.0")
package org.framegrid.api.pipeline;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
