package org.framegrid.inference.api;

import java.util.Objects;

/**
 * One output a model's users care about and what it means. Immutable.
 *
 * @param name    the output tensor's name in the graph
 * @param meaning a short, stable tag that decoders dispatch on, for example {@code scores}, {@code boxes},
 *                {@code alpha}, {@code logits}
 * @param detail  free text for people: units, value range, coordinate frame; may be empty
 */
public record ModelOutput(String name, String meaning, String detail) {

    public ModelOutput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(detail, "detail");
    }
}
