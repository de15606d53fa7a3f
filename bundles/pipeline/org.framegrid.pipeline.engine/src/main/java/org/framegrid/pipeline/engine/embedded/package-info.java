/**
 * The engine without a framework: {@link org.framegrid.pipeline.engine.embedded.EmbeddedEngine} runs pipelines with
 * stage providers its caller adds, on the engine's own threads, until it is closed.
 *
 * <p>Why it exists: the engine's core is internal, yet tests of other bundles (a stage in a real pipeline), the
 * benchmark ({@code ./framegrid bench engine}) and tools need the engine in a plain JVM. This package is their one
 * entry point, so none of them imports the engine's internal package. In a node the engine runs as the DS component
 * that publishes {@link org.framegrid.api.pipeline.PipelineService}: this engine with the bindings DS makes; no other
 * deployed bundle uses this package.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package org.framegrid.pipeline.engine.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
