package org.framegrid.orchestrator.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.StreamHandle;

/**
 * App events on a session's control channel: {@code {"event": {...}, "node": "NAME"}}, the event a JSON object for
 * the node's stage (e.g. a player's input for a generator); without {@code node} it goes to the pipeline's sources,
 * where interactive pipelines take their input.
 */
final class AppEvents {
    private AppEvents() {
    }

    /** @throws IllegalArgumentException with a one-line reason when the message is malformed or names no node */
    @SuppressWarnings("unchecked")
    static void deliver(StreamHandle stream, Map<String, Object> message) {
        if (!(message.get("event") instanceof Map<?, ?> event)) {
            throw new IllegalArgumentException("'event' must be a JSON object, got " + message.get("event"));
        }
        Object node = message.get("node");
        if (node != null && !(node instanceof String)) {
            throw new IllegalArgumentException("'node' must be a node name, got " + node);
        }
        List<String> targets = node != null ? List.of((String) node) : sources(stream);
        for (String target : targets) {
            stream.send(target, (Map<String, Object>) event);
        }
    }

    /** @return the nodes no edge leads into */
    static List<String> sources(StreamHandle stream) {
        Set<String> fed = new HashSet<>();
        for (EdgeDefinition e : stream.definition().edges()) {
            fed.add(e.to());
        }
        return stream.definition().nodes().stream().map(NodeDefinition::name).filter(n -> !fed.contains(n)).toList();
    }
}
