/**
 * The model descriptor format ({@code model.properties} in a model bundle) and its parser.
 *
 * <p>Why it exists: the model extender reads descriptors inside a node, and code outside it must read them the same
 * way: the model packager tool checks the bundles it writes, and tests of the stages and backends load the real model
 * bundles from their class path. Exporting the one parser keeps a single definition of the format; it holds no state
 * and no third-party types.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package org.framegrid.inference.models.descriptor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
