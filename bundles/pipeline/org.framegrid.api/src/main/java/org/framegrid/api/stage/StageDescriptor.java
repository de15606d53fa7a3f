package org.framegrid.api.stage;

import java.util.List;
import java.util.Set;

import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.internal.Components;

/**
 * The static metadata of a stage type (GStreamer's element metadata and pad caps): everything a validator needs to
 * check a pipeline without running it.
 *
 * <p><b>Negotiation rules</b> (applied by the engine when a pipeline is registered or started, and reproducible by
 * any validator from this data alone): formats flow from sources along edges in topological order. A source's output
 * is given by its {@link #outputRule()}. A non-source node's input format is the output format of its upstream nodes,
 * which must all agree and must be in {@link #inputs()}; its output format follows from {@link #outputRule()}:
 * {@code SAME_AS_INPUT} = the input format, {@code FIXED} = the single element of {@link #outputs()},
 * {@code PROPERTY} = the format named by the node's value of {@link #outputProperty()}, {@code NONE} = no output (a
 * sink; it may have no outgoing edges). A source has no incoming edges and {@link #inputs()} is empty.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type the type name used in pipeline files, e.g. {@code resize}; never {@code null}
 * @param classification GStreamer-style class, e.g. {@code Filter/Video/Scaler}; never {@code null}
 * @param description one sentence for users; never {@code null}
 * @param inputs the accepted input formats; empty only for a source; never {@code null} (copied)
 * @param outputRule how the output format is chosen; never {@code null}
 * @param outputs the formats the stage may emit (see {@link OutputRule}); never {@code null} (copied)
 * @param outputProperty for {@link OutputRule#PROPERTY}: the ENUM property naming the output format; otherwise
 *     {@code null}
 * @param properties the properties; never {@code null} (copied)
 */
public record StageDescriptor(String type, String classification, String description, Set<PixelFormat> inputs,
                              OutputRule outputRule, Set<PixelFormat> outputs, String outputProperty,
                              List<PropertyDescriptor> properties) {

    /** Checks the components and copies the collections. */
    public StageDescriptor {
        Components.requireNonNull("type classification description outputRule", type, classification, description, outputRule);
        inputs = Set.copyOf(inputs);
        outputs = Set.copyOf(outputs);
        properties = List.copyOf(properties);
        if (outputRule == OutputRule.FIXED && outputs.size() != 1) {
            throw new IllegalArgumentException(type + ": a FIXED output needs exactly one output format");
        }
        if (outputRule == OutputRule.PROPERTY && properties.stream().noneMatch(p -> p.name().equals(outputProperty))) {
            throw new IllegalArgumentException(type + ": output property " + outputProperty + " is not declared");
        }
        if (inputs.isEmpty() && outputRule == OutputRule.NONE) {
            throw new IllegalArgumentException(type + ": a stage needs an input or an output");
        }
    }

    /** @return whether the type produces frames without input (no incoming edges) */
    public boolean source() {
        return inputs.isEmpty();
    }

    /** @return whether the type emits nothing downstream (no outgoing edges) */
    public boolean sink() {
        return outputRule == OutputRule.NONE;
    }

    /**
     * @param name a property name
     * @return the property of that name, or {@code null}
     */
    public PropertyDescriptor property(String name) {
        for (PropertyDescriptor p : properties) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
