package org.framegrid.api.pipeline;

import java.util.Map;
import java.util.Objects;
import org.framegrid.api.stage.MissingProviderPolicy;

/**
 * One node of a pipeline: a named use of a stage type with its property values, as written in the file.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the node name, unique in the pipeline, {@code [A-Za-z0-9_-]+}; never {@code null}
 * @param type the stage type ({@code StageDescriptor.type()}); never {@code null}
 * @param properties the values set in the file (numbers, booleans, strings as parsed; enums as names); never
 *     {@code null} (copied)
 * @param queuePolicy the policy of this node's input queue, or {@code null} for the pipeline's default
 * @param queueCapacity the capacity of this node's input queue, or {@code null} for the engine default (1 for
 *     {@code LATEST}, 4 for {@code BLOCK}); ignored for {@code DIRECT}
 * @param missingProvider what to do while the type has no provider, or {@code null} for the default (bypass when
 *     formats allow, else hold)
 * @param position where the node was written, or {@code null}
 * @param propertyPositions where each property value was written (by property name); never {@code null} (copied),
 *     may be empty
 */
public record NodeDefinition(String name, String type, Map<String, Object> properties, QueuePolicy queuePolicy,
                             Integer queueCapacity, MissingProviderPolicy missingProvider, SourcePosition position,
                             Map<String, SourcePosition> propertyPositions) {

    /** Checks the names and copies the maps. */
    public NodeDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        properties = Map.copyOf(properties);
        propertyPositions = Map.copyOf(propertyPositions);
    }

    /**
     * A node built in code: default policies, no positions.
     *
     * @param name the node name
     * @param type the stage type
     * @param properties the property values
     */
    public NodeDefinition(String name, String type, Map<String, Object> properties) {
        this(name, type, properties, null, null, null, null, Map.of());
    }
}
