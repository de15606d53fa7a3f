/**
 * Inference SPI: an {@link org.framegrid.inference.api.InferenceBackend} loads a model into a
 * {@link org.framegrid.inference.api.LoadedModel} that runs on {@link org.framegrid.inference.api.Tensor}s; a
 * {@link org.framegrid.inference.api.Model} service (registered by the model extender for each model bundle) carries
 * a {@link org.framegrid.inference.api.ModelDescriptor} and the model's bytes. A backend reports the models it holds
 * loaded as {@link org.framegrid.inference.api.ModelSession}s (since 1.1: warm and cold models for the operator).
 *
 * <p>Nothing here names a runtime library: CPU (ONNX Runtime) and GPU backends implement the same SPI. Unless a
 * method says otherwise, parameters and results are never {@code null}.
 */
@Export
@Version("1.1.0")
package org.framegrid.inference.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
