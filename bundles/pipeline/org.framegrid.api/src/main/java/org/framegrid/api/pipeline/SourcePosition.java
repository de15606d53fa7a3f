package org.framegrid.api.pipeline;

import java.util.Objects;

/**
 * Where something was written in a pipeline file, for error messages.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file as the user named it; never {@code null}
 * @param line the 1-based line
 * @param column the 1-based column
 */
public record SourcePosition(String file, int line, int column) {

    /** Checks the file. */
    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    /** @return {@code file:line:column}, the prefix of every problem message */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
