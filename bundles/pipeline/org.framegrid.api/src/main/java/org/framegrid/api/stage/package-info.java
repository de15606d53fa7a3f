/**
 * The stage SPI: what a stage bundle implements ({@link org.framegrid.api.stage.StageProvider},
 * {@link org.framegrid.api.stage.Stage}) and the static metadata the engine negotiates with
 * ({@link org.framegrid.api.stage.StageDescriptor}, {@link org.framegrid.api.stage.PropertyDescriptor}).
 *
 * <p>1.6: {@link org.framegrid.api.stage.PlainStage}, the base of a stage without resources;
 * {@link org.framegrid.api.stage.FramePacer}, the clock of a real-time source; {@code StageType} is
 * kept at run time, so that a provider can build its descriptor from it.
 * <p>1.7: {@link org.framegrid.api.stage.FactoryStageProvider}, the base of a provider that is a fixed descriptor and
 * a factory of instances.
 * <p>1.8: {@link org.framegrid.api.stage.FactoryStageProvider#describe FactoryStageProvider.describe}, the descriptor
 * of a provider class from its {@code StageType} annotation.
 */
@Export
@Version("1.8.0")
package org.framegrid.api.stage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
