package org.framegrid.pipeline.yaml.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.framegrid.api.pipeline.DidYouMean;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.SourcePosition;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reading SnakeYAML's node tree (which keeps every line and column) while collecting problems instead of throwing:
 * a file reports all its mistakes at once.
 */
final class YamlNodes {

    private final String file;
    private final List<PipelineProblem> problems = new ArrayList<>();

    YamlNodes(String file) {
        this.file = file;
    }

    List<PipelineProblem> problems() {
        return problems;
    }

    SourcePosition at(Node node) {
        return at(node.getStartMark());
    }

    /** SnakeYAML counts from 0; editors and compilers from 1. */
    SourcePosition at(Mark mark) {
        return mark == null ? new SourcePosition(file, 1, 1) : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void problem(Node node, String message) {
        problems.add(new PipelineProblem(node == null ? new SourcePosition(file, 1, 1) : at(node), message));
    }

    /**
     * The entries of a mapping by key text, in file order. Non-text keys and repeated keys are reported; so are keys
     * not in {@code allowed} (with the closest allowed key).
     */
    Map<ScalarNode, Node> mapping(Node node, String what, List<String> allowed) {
        Map<ScalarNode, Node> entries = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            problem(node, what + " must be a mapping (key: value lines)");
            return entries;
        }
        List<String> seen = new ArrayList<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problem(tuple.getKeyNode(), what + ": keys must be plain names");
                continue;
            }
            if (seen.contains(key.getValue())) {
                problem(key, what + ": duplicate key '" + key.getValue() + "'");
                continue;
            }
            seen.add(key.getValue());
            if (allowed != null && !allowed.contains(key.getValue())) {
                problem(key, what + ": unknown key '" + key.getValue() + "'" + DidYouMean.hint(key.getValue(), allowed)
                        + " (allowed: " + String.join(", ", allowed) + ")");
                continue;
            }
            entries.put(key, tuple.getValueNode());
        }
        return entries;
    }

    /** @return the items of a sequence, or an empty list after reporting that it is not one */
    List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode list) {
            return list.getValue();
        }
        problem(node, what + " must be a list ('- ' items)");
        return List.of();
    }

    /** @return the text of a scalar, or {@code null} after reporting that it is not one */
    String text(Node node, String what) {
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return scalar.getValue();
        }
        if (node instanceof ScalarNode scalar && scalar.getValue().equals("null")) {
            problem(node, what + ": write \"null\" in quotes (YAML reads a bare null as no value)");
            return null;
        }
        problem(node, what + " must be a single value");
        return null;
    }

    /**
     * A property value as the YAML resolver typed it: whole numbers as Long, decimals as Double, true/false as
     * Boolean, everything else as String. The engine coerces these to the declared property types and reports
     * mismatches with this value's position.
     */
    Object value(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            problem(node, what + " must be a single value (a number, text or true/false)");
            return null;
        }
        String text = scalar.getValue();
        try {
            if (scalar.getTag().equals(Tag.INT)) {
                return Long.decode(text.replace("_", ""));
            }
            if (scalar.getTag().equals(Tag.FLOAT)) {
                return Double.parseDouble(text.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            problem(node, what + ": '" + text + "' is not a number this node can hold");
            return null;
        }
        if (scalar.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(text.toLowerCase());
        }
        return text;
    }

    /** An enum written as its lower-case name (never a number), e.g. {@code queue: latest}. */
    <E extends Enum<E>> E name(Node node, String what, Class<E> type) {
        String text = text(node, what);
        if (text == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase().replace('_', '-');
            if (name.equals(text)) {
                return constant;
            }
            names.add(name);
        }
        problem(node, what + ": '" + text + "' is not one of " + String.join(", ", names)
                + DidYouMean.hint(text, names));
        return null;
    }
}
