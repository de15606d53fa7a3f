package org.framegrid.pipeline.yaml.internal;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.SourcePosition;
import org.framegrid.api.stage.MissingProviderPolicy;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a pipeline file into a {@link PipelineDefinition} with the file, line and column of every node, property and
 * edge, so that every later check (here and in the engine's {@code StageCatalog.check}) can say where.
 *
 * <p>Two shapes (see {@code pipelines/schema/pipeline.schema.json}): a linear list {@code stages:} where each stage
 * feeds the next, or a graph {@code nodes:} + {@code edges:} ({@code a: b} or {@code a: [b, c]} for a tee). This class
 * checks the shape; stage types, properties, formats and cycles are the catalog's business.
 *
 * <p>Stateless and thread-safe.
 */
public final class PipelineParser {

    static final List<String> TOP_KEYS = List.of("name", "description", "queue", "stages", "nodes", "edges");
    static final List<String> NODE_KEYS = List.of("type", "name", "properties", "queue", "capacity", "on-missing");

    /** What a file gave: a definition when there were no problems, else the problems (in file order). */
    public record Result(PipelineDefinition definition, List<PipelineProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Result parse(String file, String text) {
        YamlNodes yaml = new YamlNodes(file);
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            SourcePosition at = yaml.at(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark());
            return failed(new PipelineProblem(at, "YAML syntax error: " + e.getProblem()));
        } catch (YAMLException e) {
            return failed(new PipelineProblem(new SourcePosition(file, 1, 1), "YAML error: " + e.getMessage()));
        }
        if (root == null) {
            return failed(new PipelineProblem(new SourcePosition(file, 1, 1),
                    "the file is empty: a pipeline needs 'stages' (a list) or 'nodes' and 'edges' (a graph)"));
        }
        Map<String, Node> top = byName(yaml.mapping(root, "pipeline", TOP_KEYS));
        String name = top.containsKey("name") ? yaml.identifier(top.get("name"), "name") : defaultName(file);
        QueuePolicy queue = top.containsKey("queue") ? yaml.name(top.get("queue"), "queue", QueuePolicy.class) : QueuePolicy.LATEST;
        if (top.containsKey("description")) {
            yaml.text(top.get("description"), "description");
        }
        List<NodeDefinition> nodes = new ArrayList<>();
        List<EdgeDefinition> edges = new ArrayList<>();
        if (top.containsKey("stages") && (top.containsKey("nodes") || top.containsKey("edges"))) {
            yaml.problem(top.get("stages"), "use either 'stages' (a list) or 'nodes' and 'edges' (a graph), not both");
        } else if (top.containsKey("stages")) {
            linear(yaml, top.get("stages"), nodes, edges);
        } else if (top.containsKey("nodes")) {
            graph(yaml, top.get("nodes"), top.get("edges"), nodes, edges);
        } else if (top.containsKey("edges")) {
            yaml.problem(top.get("edges"), "'edges' without 'nodes': list the nodes the edges connect");
        } else if (yaml.problems().isEmpty()) {
            yaml.problem(root, "no 'stages' or 'nodes': a pipeline needs at least one stage");
        }
        if (!yaml.problems().isEmpty() || name == null || queue == null) {
            return new Result(null, List.copyOf(yaml.problems()));
        }
        return new Result(new PipelineDefinition(name, file, revision(text), nodes, edges, queue, yaml.at(root)), List.of());
    }

    /** {@code stages:}: each stage feeds the next; a stage's name defaults to its type (type-2, type-3 … if repeated). */
    private static void linear(YamlNodes yaml, Node list, List<NodeDefinition> nodes, List<EdgeDefinition> edges) {
        Map<String, Integer> typeCount = new HashMap<>();
        NodeDefinition previous = null;
        int index = 0;
        for (Node item : yaml.sequence(list, "stages")) {
            index++;
            NodeDefinition node = node(yaml, item, "stage " + index, false, typeCount);
            if (node == null) {
                previous = null;
                continue;
            }
            nodes.add(node);
            if (previous != null) {
                edges.add(new EdgeDefinition(previous.name(), node.name(), node.position()));
            }
            previous = node;
        }
    }

    /** {@code nodes:} + {@code edges:}; an edge's position is its target's, where a wrong name would be. */
    private static void graph(YamlNodes yaml, Node list, Node edgeMap, List<NodeDefinition> nodes,
            List<EdgeDefinition> edges) {
        int index = 0;
        for (Node item : yaml.sequence(list, "nodes")) {
            index++;
            NodeDefinition node = node(yaml, item, "node " + index, true, null);
            if (node != null) {
                nodes.add(node);
            }
        }
        if (edgeMap == null) {
            if (nodes.size() > 1) {
                yaml.problem(list, "a graph of several nodes needs 'edges' (from: to, or from: [to, to])");
            }
            return;
        }
        for (Map.Entry<ScalarNode, Node> entry : yaml.mapping(edgeMap, "edges", null).entrySet()) {
            String from = entry.getKey().getValue();
            List<Node> targets = entry.getValue() instanceof ScalarNode ? List.of(entry.getValue())
                    : yaml.sequence(entry.getValue(), "edges of '" + from + "'");
            for (Node target : targets) {
                String to = yaml.text(target, "edge target of '" + from + "'");
                if (to != null) {
                    edges.add(new EdgeDefinition(from, to, yaml.at(target)));
                }
            }
        }
    }

    private static NodeDefinition node(YamlNodes yaml, Node item, String what, boolean nameRequired,
            Map<String, Integer> typeCount) {
        int before = yaml.problems().size();
        Map<ScalarNode, Node> entries = yaml.mapping(item, what, NODE_KEYS);
        Map<String, Node> keys = byName(entries);
        if (!keys.containsKey("type")) {
            yaml.problem(item, what + " has no 'type'");
            return null;
        }
        String type = yaml.text(keys.get("type"), what + ": type");
        String name;
        if (keys.containsKey("name")) {
            name = yaml.identifier(keys.get("name"), what + ": name");
        } else if (nameRequired) {
            yaml.problem(item, what + " has no 'name' (edges refer to nodes by name)");
            return null;
        } else {
            int count = typeCount.merge(String.valueOf(type), 1, Integer::sum);
            name = count == 1 ? type : type + "-" + count;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, SourcePosition> propertyPositions = new LinkedHashMap<>();
        if (keys.containsKey("properties")) {
            for (Map.Entry<ScalarNode, Node> property : yaml.mapping(keys.get("properties"), what + ": properties", null).entrySet()) {
                String key = property.getKey().getValue();
                Object value = yaml.value(property.getValue(), what + ": property '" + key + "'");
                if (value != null) {
                    properties.put(key, value);
                    propertyPositions.put(key, yaml.at(property.getKey()));
                }
            }
        }
        QueuePolicy queue = keys.containsKey("queue") ? yaml.name(keys.get("queue"), what + ": queue", QueuePolicy.class) : null;
        Integer capacity = null;
        if (keys.containsKey("capacity")) {
            Object value = yaml.value(keys.get("capacity"), what + ": capacity");
            if (value instanceof Long number && number >= 1 && number <= 1024) {
                capacity = number.intValue();
            } else if (value != null) {
                yaml.problem(keys.get("capacity"), what + ": capacity must be a whole number from 1 to 1024");
            }
        }
        MissingProviderPolicy missing = keys.containsKey("on-missing")
                ? yaml.name(keys.get("on-missing"), what + ": on-missing", MissingProviderPolicy.class) : null;
        if (yaml.problems().size() > before || type == null || name == null) {
            return null;
        }
        return new NodeDefinition(name, type, properties, queue, capacity, missing, yaml.at(keys.get("type")),
                propertyPositions);
    }

    private static Map<String, Node> byName(Map<ScalarNode, Node> entries) {
        Map<String, Node> byName = new LinkedHashMap<>();
        entries.forEach((key, value) -> byName.put(key.getValue(), value));
        return byName;
    }

    private static String defaultName(String file) {
        String base = Path.of(file).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static Result failed(PipelineProblem problem) {
        return new Result(null, List.of(problem));
    }

    /** The revision a running stream reports: the first 16 hex digits of the SHA-256 of the file's text. */
    static String revision(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
