/**
 * Support for stages that run a model on every frame: {@link org.framegrid.stage.model.StageModels} holds the
 * models and the backend a stage provider has bound and loads one for a stage instance;
 * {@link org.framegrid.stage.model.Letterbox} and {@link org.framegrid.stage.model.ImageInputWriter} fit a frame into
 * a square image input. Stage bundles import this package; it holds no third-party types.
 */
@Export
@Version("1.3.0")
package org.framegrid.stage.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
