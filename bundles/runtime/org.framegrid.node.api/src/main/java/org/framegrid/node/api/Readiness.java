package org.framegrid.node.api;

import java.util.Objects;

/**
 * One readiness condition's answer.
 *
 * <p>Immutable and thread-safe.
 *
 * @param check what was checked, e.g. {@code chain}; never {@code null}
 * @param ready whether the condition holds
 * @param detail one line: why it is not ready, or what it found when it is; never {@code null}
 */
public record Readiness(String check, boolean ready, String detail) {

    /** Checks the components. */
    public Readiness {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(detail, "detail");
    }
}
