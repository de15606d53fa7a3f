package org.framegrid.api.pipeline;

import java.util.List;

import org.framegrid.api.internal.Components;

/**
 * A parsed pipeline: named nodes and the edges between them. A linear pipeline is a chain of edges. Parsers (the
 * YAML loader) produce it; the {@link PipelineService} validates and runs it. A running stream keeps the definition
 * it started with even when a newer revision of the same name is registered.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the pipeline name, unique in a node; never {@code null}
 * @param source where it came from (file path, or a description for definitions built in code); never {@code null}
 * @param revision the lowercase hex SHA-256 of the source text (or any stable id for code); never {@code null}
 * @param nodes the nodes; never {@code null} (copied)
 * @param edges the edges; never {@code null} (copied)
 * @param queuePolicy the default policy of the node input queues; never {@code null}
 * @param position where the pipeline starts in its file, or {@code null}
 */
public record PipelineDefinition(String name, String source, String revision, List<NodeDefinition> nodes,
                                 List<EdgeDefinition> edges, QueuePolicy queuePolicy, SourcePosition position) {

    /** Checks the components and copies the lists. */
    public PipelineDefinition {
        Components.requireNonNull("name source revision queuePolicy", name, source, revision, queuePolicy);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
