package org.framegrid.pipeline.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.pipeline.DidYouMean;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.SourcePosition;
import org.framegrid.api.stage.MissingProviderPolicy;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.StageDescriptor;

/**
 * A definition assembled by the {@link Assembler} against the stage types of one moment: its nodes' descriptors and
 * property values, its edges and their order, and the problems found. The engine keeps one per registered pipeline and
 * assembles again only when stage providers changed since; each stream then {@link #plan plans} from it with its own
 * parameters, which may change formats, so negotiation is per stream.
 */
final class Assembly {
    /** The result of planning: node plans in topological order when {@code problems} is empty. */
    record Result(List<NodePlan> plans, List<PipelineProblem> problems) {
    }

    final PipelineDefinition definition;
    /** The provider registry's generation it was assembled against. */
    final long providers;
    private final List<PipelineProblem> problems;
    private final Map<String, NodeDefinition> nodes;
    private final Map<String, StageDescriptor> descriptors;
    private final Map<String, Map<String, Object>> properties;
    private final Map<String, List<EdgeDefinition>> inputs;
    private final Map<String, List<String>> outputs;
    /** Topological order of the nodes; {@code null} when they form a cycle. */
    private final List<String> order;

    Assembly(PipelineDefinition definition, long providers, List<PipelineProblem> problems,
             Map<String, NodeDefinition> nodes, Map<String, StageDescriptor> descriptors,
             Map<String, Map<String, Object>> properties, Map<String, List<EdgeDefinition>> inputs,
             Map<String, List<String>> outputs, List<String> order) {
        this.definition = definition;
        this.providers = providers;
        this.problems = List.copyOf(problems);
        this.nodes = nodes;
        this.descriptors = descriptors;
        this.properties = properties;
        this.inputs = inputs;
        this.outputs = outputs;
        this.order = order;
    }

    /**
     * Applies one stream's parameters and negotiates the formats.
     *
     * @param params values keyed {@code node.property}
     * @return the plans, or every problem (the assembly's own ones first)
     */
    Result plan(Map<String, Object> params) {
        List<PipelineProblem> found = new ArrayList<>(problems);
        Map<String, Map<String, Object>> values = new HashMap<>();
        properties.forEach((node, v) -> values.put(node, new HashMap<>(v)));
        for (Map.Entry<String, Object> e : params.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            NodeDefinition n = dot < 0 ? null : nodes.get(key.substring(0, dot));
            if (n == null) {
                found.add(problem(null, "parameter '" + key + "' does not name a node (expected node.property)"));
            } else if (descriptors.containsKey(n.name())) {
                PipelineProblem p = set(n, descriptors.get(n.name()), values.get(n.name()), key.substring(dot + 1),
                        e.getValue(), null, definition);
                if (p != null) {
                    found.add(p);
                }
            }
        }
        List<NodePlan> plans = order == null ? List.of() : negotiate(values, found);
        return new Result(found.isEmpty() ? plans : List.of(), List.copyOf(found));
    }

    private PipelineProblem problem(SourcePosition at, String message) {
        return new PipelineProblem(at == null ? definition.position() : at, message);
    }

    /**
     * Sets one property of node {@code n} in {@code values}, coerced to its declared type.
     *
     * @return the problem, or {@code null} when the value was set
     */
    static PipelineProblem set(NodeDefinition n, StageDescriptor d, Map<String, Object> values, String name,
                               Object value, SourcePosition at, PipelineDefinition def) {
        PropertyDescriptor p = d.property(name);
        String prefix = "node '" + n.name() + "' (" + n.type() + "): ";
        SourcePosition where = at == null ? def.position() : at;
        if (p == null) {
            return new PipelineProblem(where, prefix + "unknown property '" + name + "'"
                    + DidYouMean.hint(name, d.properties().stream().map(PropertyDescriptor::name).toList()));
        }
        try {
            values.put(name, PropertyCoercer.coerce(p, value));
            return null;
        } catch (IllegalArgumentException e) {
            return new PipelineProblem(where, prefix + "property '" + name + "': " + e.getMessage());
        }
    }

    private List<NodePlan> negotiate(Map<String, Map<String, Object>> values, List<PipelineProblem> found) {
        Map<String, PixelFormat> out = new HashMap<>();
        List<NodePlan> plans = new ArrayList<>();
        for (String name : order) {
            NodeDefinition n = nodes.get(name);
            StageDescriptor d = descriptors.get(name);
            if (d == null) {
                continue;
            }
            PixelFormat in = null;
            boolean ok = true;
            for (EdgeDefinition e : inputs.get(name)) {
                PixelFormat f = out.get(e.from());
                if (f == null) {
                    ok = false; // upstream already reported
                } else if (!d.inputs().contains(f)) {
                    found.add(problem(e.position(), "node '" + name + "' (" + n.type() + ") cannot take " + f
                            + " from '" + e.from() + "' (" + nodes.get(e.from()).type() + "); it accepts "
                            + sorted(d.inputs())));
                    ok = false;
                } else if (in != null && in != f) {
                    found.add(problem(e.position(), "node '" + name + "' (" + n.type() + ") gets " + in + " and " + f
                            + " from its inputs; they must agree"));
                    ok = false;
                } else {
                    in = f;
                }
            }
            if (!ok) {
                continue;
            }
            Map<String, Object> v = values.get(name);
            PixelFormat o = switch (d.outputRule()) {
                case SAME_AS_INPUT -> in;
                case FIXED -> d.outputs().iterator().next();
                case NONE -> null;
                case PROPERTY -> {
                    Object value = v.get(d.outputProperty());
                    PixelFormat f = value == null ? null : parse(value.toString());
                    if (f == null || !d.outputs().contains(f)) {
                        found.add(problem(n.propertyPositions().getOrDefault(d.outputProperty(), n.position()),
                                "node '" + name + "' (" + n.type() + "): property '" + d.outputProperty()
                                        + "' must name one of " + sorted(d.outputs())));
                        yield null; // reported; the node is left out of the plans
                    }
                    yield f;
                }
            };
            if (o == null && !d.sink()) {
                continue;
            }
            out.put(name, o);
            QueuePolicy policy = n.queuePolicy() != null ? n.queuePolicy() : definition.queuePolicy();
            int capacity = n.queueCapacity() != null ? n.queueCapacity() : policy == QueuePolicy.LATEST ? 1 : 4;
            if (capacity < 1) {
                found.add(problem(n.position(), "node '" + name + "': queue capacity must be at least 1"));
            }
            boolean canBypass = !d.source() && (d.sink() || in == o);
            MissingProviderPolicy missing = n.missingProvider() == MissingProviderPolicy.HOLD || !canBypass
                    ? MissingProviderPolicy.HOLD : MissingProviderPolicy.BYPASS;
            plans.add(new NodePlan(n, d, in, o, Map.copyOf(v), List.copyOf(outputs.get(name)), policy,
                    Math.max(1, capacity), missing));
        }
        return plans;
    }

    private static PixelFormat parse(String name) {
        try {
            return PixelFormat.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String sorted(Set<PixelFormat> formats) {
        return String.join(", ", new TreeSet<>(formats).stream().map(Enum::name).toList());
    }
}
