package org.framegrid.api.frame;

import java.util.Objects;

/**
 * A typed metadata slot of a {@link Frame}. Two keys are the same slot when their names are equal; the type is checked
 * when a value is put. Create keys once (a constant in the stage) and reuse them: frames compare keys on every lookup.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the slot name, reverse-DNS style (for example {@code framegrid.detections}); never {@code null}
 * @param type the class of the values; never {@code null}
 * @param <T> the value type
 */
public record MetaKey<T>(String name, Class<T> type) {

    /** Checks the components. */
    public MetaKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetaKey<?> key && key.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
