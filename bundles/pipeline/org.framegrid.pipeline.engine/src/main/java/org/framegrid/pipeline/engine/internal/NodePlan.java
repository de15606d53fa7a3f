package org.framegrid.pipeline.engine.internal;

import java.util.List;
import java.util.Map;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.stage.MissingProviderPolicy;
import org.framegrid.api.stage.StageDescriptor;

/**
 * One node after assembly: its descriptor at assembly time, the negotiated formats, complete coerced properties and
 * the resolved queue and missing-provider policies.
 *
 * @param node the definition
 * @param descriptor the descriptor negotiated against
 * @param input the negotiated input format, {@code null} for a source
 * @param output the negotiated output format, {@code null} for a sink
 * @param properties every declared property, coerced, with per-stream parameters applied
 * @param downstream names of the nodes this one feeds
 * @param queuePolicy the policy of the input queue
 * @param queueCapacity the capacity of the input queue
 * @param missing what to do without a provider (BYPASS only when the formats allow it)
 */
record NodePlan(NodeDefinition node, StageDescriptor descriptor, PixelFormat input, PixelFormat output,
                Map<String, Object> properties, List<String> downstream, QueuePolicy queuePolicy, int queueCapacity,
                MissingProviderPolicy missing) {

    String name() {
        return node.name();
    }

    String label() {
        return "'" + node.name() + "' (" + node.type() + ")";
    }

    /** @return whether a provider with {@code other} as descriptor can replace this node's without renegotiating */
    String incompatibility(StageDescriptor other) {
        if (other.source() != descriptor.source() || other.sink() != descriptor.sink()) {
            return "it is not a " + (descriptor.source() ? "source" : descriptor.sink() ? "sink" : "filter");
        }
        if (input != null && !other.inputs().contains(input)) {
            return "it does not accept " + input;
        }
        for (String p : properties.keySet()) {
            if (other.property(p) == null) {
                return "it has no property '" + p + "'";
            }
        }
        PixelFormat out = switch (other.outputRule()) {
            case SAME_AS_INPUT -> input;
            case FIXED -> other.outputs().iterator().next();
            case PROPERTY -> PixelFormat.valueOf(String.valueOf(properties.get(other.outputProperty())));
            case NONE -> null;
        };
        return out == output ? null : "it would emit " + out + " instead of " + output;
    }
}
