package org.framegrid.models.internal.tflite;

import com.google.flatbuffers.Table;

/** Reads an operator's builtin options table, which the mappings need (a missing one is a malformed file). */
final class BuiltinOptions {

    private BuiltinOptions() {
    }

    @SuppressWarnings("unchecked")
    static <T extends Table> T of(TfliteModel.Op op, T empty) {
        T options = (T) op.table().builtinOptions(empty);
        if (options == null) {
            throw new IllegalArgumentException("operator #" + op.index() + " " + op.name() + " has no builtin options");
        }
        return options;
    }
}
