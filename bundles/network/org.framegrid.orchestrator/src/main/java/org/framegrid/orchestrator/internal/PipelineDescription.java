package org.framegrid.orchestrator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.StageDescriptor;

/**
 * What an app may set on an offered pipeline ({@code GET /v1/pipelines/NAME}): its nodes and each node's properties
 * from the stage descriptors (type, range or allowed names, default, the value the pipeline file sets, whether it
 * changes live, description), so that a page can build its controls. The properties the session binds itself (the
 * decode node's input and the encode node's output channel) are left out.
 *
 * @param name the pipeline's name
 * @param revision its revision
 * @param nodes its nodes, in the file's order
 */
record PipelineDescription(String name, String revision, List<Node> nodes) {

    /**
     * @param name the node's name
     * @param type its stage type
     * @param description the stage type's description, or {@code null} when no provider of the type is registered now
     * @param properties what a stream may set on it, keyed {@code node.property} in params and updates
     */
    record Node(String name, String type, String description, List<Property> properties) {
    }

    /**
     * @param key the params key: {@code node.property}
     * @param name the property's name
     * @param type STRING, INTEGER, DOUBLE, BOOLEAN or ENUM
     * @param defaultValue the stage's default
     * @param value what the pipeline file sets (the value a stream starts with), or {@code null} for the default
     * @param min the smallest valid number, or {@code null}
     * @param max the largest valid number, or {@code null}
     * @param allowed ENUM: the valid names; empty otherwise
     * @param live whether a change applies while the stream plays (otherwise the node restarts with it)
     * @param fixed whether it is set only when a stream starts: it decides the node's output format, negotiated once
     *     for the whole stream, so an update refuses it
     * @param description what it does
     */
    record Property(String key, String name, String type, Object defaultValue, Object value, Double min, Double max,
                    List<String> allowed, boolean live, boolean fixed, String description) {
    }

    /** @return the description of {@code d} with what {@code catalog} knows of its stage types now */
    static PipelineDescription of(PipelineDefinition d, StageCatalog catalog) {
        List<Node> nodes = new ArrayList<>();
        for (NodeDefinition n : d.nodes()) {
            Optional<StageDescriptor> stage = catalog.find(n.type());
            List<Property> properties = new ArrayList<>();
            for (PropertyDescriptor p : stage.map(StageDescriptor::properties).orElse(List.of())) {
                if (!boundBySession(n.type(), p.name())) {
                    properties.add(new Property(n.name() + "." + p.name(), p.name(), p.type().name(),
                            p.defaultValue(), n.properties().get(p.name()), p.min(), p.max(), p.allowed(), p.live(),
                            p.name().equals(stage.get().outputProperty()), p.description()));
                }
            }
            nodes.add(new Node(n.name(), n.type(), stage.map(StageDescriptor::description).orElse(null),
                    List.copyOf(properties)));
        }
        return new PipelineDescription(d.name(), d.revision(), List.copyOf(nodes));
    }

    private static boolean boundBySession(String type, String property) {
        return type.equals(MediaStages.DECODE) && property.equals(MediaStages.DECODE_INPUT)
                || type.equals(MediaStages.ENCODE) && property.equals(MediaStages.ENCODE_OUTPUT);
    }
}
