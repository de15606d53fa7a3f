/**
 * What every stage that runs a model on each frame shares. {@link org.framegrid.stage.model.ModelStageProvider} holds
 * a provider's descriptor and its model and backend references in a {@link org.framegrid.stage.model.StageModels};
 * {@link org.framegrid.stage.model.ModelStage} is the base of its instances (configure, load with a fit check, bypass
 * while the backend is closed, stop); {@link org.framegrid.stage.model.Signature} checks a model against a stage;
 * {@link org.framegrid.stage.model.ImageInputWriter} writes a frame into a model's image input, letterboxed
 * ({@link org.framegrid.stage.model.Letterbox}), stretched to an {@link org.framegrid.stage.model.InputSize} or
 * cropped. Stage bundles import this package; it holds no third-party types.
 *
 * <p>2.0: the model-stage base; one image-input writer for every model stage (stage.vision's {@code TensorWriter}
 * is gone, {@code InputSize} and {@code Signature} moved here); {@code Letterbox} of a rectangular input;
 * {@code ModelStageProvider} takes its descriptor; {@code StageModels.floatOutput} became
 * {@code Signature.fixedOutput}.
 *
 * <p>2.1: {@code ModelStageProvider} can take its type and classification from the subclass's {@code @StageType}, and
 * has factories for the properties model stages share ({@code threshold}, {@code perFrameLimit}, {@code inputSize},
 * the {@code model} property).
 */
@Export
@Version("2.1.0")
package org.framegrid.stage.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
