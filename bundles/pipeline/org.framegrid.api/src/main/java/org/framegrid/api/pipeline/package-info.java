/**
 * Pipelines and streams: definitions (filled by a parser such as the YAML loader), the
 * {@link org.framegrid.api.pipeline.PipelineService} that runs one instance of a definition per stream, the
 * {@link org.framegrid.api.pipeline.StageCatalog} of stage types currently available, and status records.
 */
@Export
@Version("1.2.0")
package org.framegrid.api.pipeline;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
