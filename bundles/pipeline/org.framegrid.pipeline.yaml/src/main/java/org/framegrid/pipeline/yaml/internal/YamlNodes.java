package org.framegrid.pipeline.yaml.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.framegrid.api.pipeline.DidYouMean;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.SourcePosition;
import org.yaml.snakeyaml.DumperOptions;
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

    /** A name the schema allows ({@code ^[A-Za-z0-9_-]+$}): it ends up in stream ids, URLs and file names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** YAML 1.2 core schema, for plain (unquoted) scalars. */
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("([-+]?)\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

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

    /** @return the text of a scalar that must be a name, or {@code null} after reporting why it is not one */
    String identifier(Node node, String what) {
        String text = text(node, what);
        if (text != null && !NAME.matcher(text).matches()) {
            problem(node, what + ": '" + text + "' is not a name: use letters, digits, '_' and '-' only");
            return null;
        }
        return text;
    }

    /**
     * A property value read as YAML 1.2 (core schema) reads it, not as SnakeYAML's YAML 1.1 resolver does: a plain
     * whole number is a Long (decimal, {@code 0o} octal, {@code 0x} hex), a plain decimal a Double, a plain
     * {@code true}/{@code false} a Boolean; everything else, quoted text included, is a String. So {@code yes},
     * {@code on} or {@code 1_000} are text (a boolean or number property then reports "expected ..., got" at this
     * value's position) instead of silently true/false or a number. A decimal with a leading zero ({@code 0640}:
     * octal 416 in YAML 1.1, 640 in 1.2) is refused as ambiguous. The engine coerces these values to the declared
     * property types and reports mismatches with this value's position.
     */
    Object value(Node node, String what) {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            problem(node, what + " must be a single value (a number, text or true/false)");
            return null;
        }
        String text = scalar.getValue();
        if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return text;
        }
        try {
            if (BOOL.matcher(text).matches()) {
                return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
            }
            if (DECIMAL.matcher(text).matches()) {
                String digits = text.replaceFirst("^[-+]", "");
                if (digits.length() > 1 && digits.startsWith("0")) {
                    problem(node, what + ": '" + text + "' has a leading zero (YAML 1.1 reads it as octal, 1.2 as "
                            + "decimal): write " + text.replaceFirst("^([-+]?)0+(?=[0-9])", "$1")
                            + ", or 0o" + digits.replaceFirst("^0+(?=[0-9])", "") + " for octal");
                    return null;
                }
                return Long.parseLong(text);
            }
            if (OCTAL.matcher(text).matches()) {
                return Long.parseLong(text.substring(2), 8);
            }
            if (HEX.matcher(text).matches()) {
                return Long.parseLong(text.substring(2), 16);
            }
            if (FLOAT.matcher(text).matches()) {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            problem(node, what + ": '" + text + "' is not a number this node can hold");
            return null;
        }
        var infinity = INFINITY.matcher(text);
        if (infinity.matches()) {
            return infinity.group(1).equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (NAN.matcher(text).matches()) {
            return Double.NaN;
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
