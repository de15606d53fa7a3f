package org.framegrid.inference.api;

import java.util.Objects;

/**
 * A model a backend holds loaded now (one {@link LoadedModel} not yet closed), as {@link InferenceBackend#sessions()}
 * reports it to the node's operator view: a model is <em>warm</em> once a session of it has run (its warm-up run at
 * load counts), and <em>cold</em> while installed with no such session.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the model's {@link ModelDescriptor#name()}; never {@code null}
 * @param version its {@link ModelDescriptor#version()}; never {@code null}
 * @param runs the runs the session has completed (warm-up included)
 * @since 1.1
 */
public record ModelSession(String name, String version, long runs) {

    /** Checks the components. */
    public ModelSession {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /** @return whether the session has run at least once */
    public boolean warm() {
        return runs > 0;
    }
}
