package org.framegrid.api.stage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A stage type, registered as an OSGi service by the bundle that implements it (usually a DS component annotated with
 * {@link StageType}). The engine tracks every provider dynamically: when the best provider of a type changes (higher
 * {@code service.ranking}, bundle updated or removed) running streams switch to it at a frame boundary.
 *
 * <p>Thread-safe: {@link #create()} may be called concurrently from several streams.
 */
@ConsumerType
public interface StageProvider {

    /** @return the static description of the type; never {@code null}, the same on every call */
    StageDescriptor descriptor();

    /** @return a new, unconfigured instance for one stream; never {@code null} */
    Stage create();
}
