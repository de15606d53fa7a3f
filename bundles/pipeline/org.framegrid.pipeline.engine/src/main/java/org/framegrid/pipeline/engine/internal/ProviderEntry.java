package org.framegrid.pipeline.engine.internal;

import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;

/**
 * One registered stage provider as the engine ranks it: by {@code ranking} (higher wins), then by {@code id} (lower,
 * i.e. older, wins), the OSGi service ordering.
 *
 * @param provider the provider
 * @param descriptor its descriptor, read once at registration
 * @param ranking the service ranking
 * @param id a unique id (the service id in OSGi)
 * @param label who provides it, for status (bundle symbolic name and version in OSGi)
 */
record ProviderEntry(StageProvider provider, StageDescriptor descriptor, int ranking, long id, String label) {

    boolean betterThan(ProviderEntry other) {
        return other == null || ranking > other.ranking || (ranking == other.ranking && id < other.id);
    }
}
