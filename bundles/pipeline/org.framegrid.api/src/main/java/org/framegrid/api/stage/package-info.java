/**
 * The stage SPI: what a stage bundle implements ({@link org.framegrid.api.stage.StageProvider},
 * {@link org.framegrid.api.stage.Stage}) and the static metadata the engine negotiates with
 * ({@link org.framegrid.api.stage.StageDescriptor}, {@link org.framegrid.api.stage.PropertyDescriptor}).
 */
@Export
@Version("1.6.0")
package org.framegrid.api.stage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
