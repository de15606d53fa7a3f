package org.framegrid.pipeline.engine.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
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
 * Validates a definition and negotiates its formats (the rules documented on {@code StageDescriptor}), collecting
 * every problem with the position it concerns rather than stopping at the first. What passes becomes a list of
 * {@link NodePlan}s in topological order.
 */
final class Assembler {
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final PipelineDefinition def;
    private final Function<String, StageDescriptor> lookup;
    private final Collection<String> knownTypes;
    private final List<PipelineProblem> problems = new ArrayList<>();
    private final Map<String, NodeDefinition> nodes = new LinkedHashMap<>();
    private final Map<String, StageDescriptor> descriptors = new HashMap<>();
    private final Map<String, Map<String, Object>> properties = new HashMap<>();
    private final Map<String, List<EdgeDefinition>> inputs = new HashMap<>();
    private final Map<String, List<String>> outputs = new HashMap<>();

    private Assembler(PipelineDefinition def, Function<String, StageDescriptor> lookup, Collection<String> known) {
        this.def = def;
        this.lookup = lookup;
        this.knownTypes = known;
    }

    /** The result: plans when {@code problems} is empty. */
    record Result(List<NodePlan> plans, List<PipelineProblem> problems) {
    }

    static Result assemble(PipelineDefinition def, Map<String, Object> params, Function<String, StageDescriptor> lookup,
                           Collection<String> knownTypes) {
        Assembler a = new Assembler(def, lookup, knownTypes);
        a.nodesAndProperties();
        a.params(params);
        a.edges();
        List<String> order = a.order();
        List<NodePlan> plans = order == null ? List.of() : a.negotiate(order);
        return new Result(a.problems.isEmpty() ? plans : List.of(), List.copyOf(a.problems));
    }

    private void problem(SourcePosition at, String message) {
        problems.add(new PipelineProblem(at == null ? def.position() : at, message));
    }

    private void nodesAndProperties() {
        if (def.nodes().isEmpty()) {
            problem(def.position(), "pipeline '" + def.name() + "' has no nodes");
        }
        for (NodeDefinition n : def.nodes()) {
            if (!NODE_NAME.matcher(n.name()).matches()) {
                problem(n.position(), "node name '" + n.name() + "' may only use letters, digits, '_' and '-'");
            }
            if (nodes.putIfAbsent(n.name(), n) != null) {
                problem(n.position(), "node '" + n.name() + "' is defined twice");
                continue;
            }
            inputs.put(n.name(), new ArrayList<>());
            outputs.put(n.name(), new ArrayList<>());
            StageDescriptor d = lookup.apply(n.type());
            if (d == null) {
                problem(n.position(), "node '" + n.name() + "': unknown stage type '" + n.type() + "'"
                        + DidYouMean.hint(n.type(), knownTypes));
                continue;
            }
            descriptors.put(n.name(), d);
            Map<String, Object> values = new HashMap<>();
            for (PropertyDescriptor p : d.properties()) {
                if (p.defaultValue() != null) {
                    try {
                        values.put(p.name(), PropertyCoercer.coerce(p, p.defaultValue()));
                    } catch (IllegalArgumentException e) {
                        // A stage bug, reported like a pipeline problem rather than failing the whole check.
                        problem(n.position(), "stage type '" + n.type() + "': the default of property '" + p.name()
                                + "' is invalid: " + e.getMessage());
                    }
                }
            }
            properties.put(n.name(), values);
            for (Map.Entry<String, Object> e : n.properties().entrySet()) {
                set(n, d, e.getKey(), e.getValue(), n.propertyPositions().getOrDefault(e.getKey(), n.position()));
            }
            for (PropertyDescriptor p : d.properties()) {
                if (p.required() && !values.containsKey(p.name())) {
                    problem(n.position(), "node '" + n.name() + "' (" + n.type() + "): property '" + p.name()
                            + "' is required");
                }
            }
        }
    }

    private void set(NodeDefinition n, StageDescriptor d, String name, Object value, SourcePosition at) {
        PropertyDescriptor p = d.property(name);
        String prefix = "node '" + n.name() + "' (" + n.type() + "): ";
        if (p == null) {
            problem(at, prefix + "unknown property '" + name + "'"
                    + DidYouMean.hint(name, d.properties().stream().map(PropertyDescriptor::name).toList()));
            return;
        }
        try {
            properties.get(n.name()).put(name, PropertyCoercer.coerce(p, value));
        } catch (IllegalArgumentException e) {
            problem(at, prefix + "property '" + name + "': " + e.getMessage());
        }
    }

    private void params(Map<String, Object> params) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            NodeDefinition n = dot < 0 ? null : nodes.get(key.substring(0, dot));
            if (n == null) {
                problem(null, "parameter '" + key + "' does not name a node (expected node.property)");
            } else if (descriptors.containsKey(n.name())) {
                set(n, descriptors.get(n.name()), key.substring(dot + 1), e.getValue(), null);
            }
        }
    }

    private void edges() {
        for (EdgeDefinition e : def.edges()) {
            NodeDefinition from = nodes.get(e.from());
            NodeDefinition to = nodes.get(e.to());
            for (String end : new String[] {e.from(), e.to()}) {
                if (!nodes.containsKey(end)) {
                    problem(e.position(), "edge " + e.from() + " -> " + e.to() + ": no node '" + end + "'"
                            + DidYouMean.hint(end, nodes.keySet()));
                }
            }
            if (from == null || to == null) {
                continue;
            }
            StageDescriptor fd = descriptors.get(from.name());
            StageDescriptor td = descriptors.get(to.name());
            if (fd != null && fd.sink()) {
                problem(e.position(), "edge " + e.from() + " -> " + e.to() + ": '" + e.from() + "' ("
                        + from.type() + ") is a sink and has no output");
            }
            if (td != null && td.source()) {
                problem(e.position(), "edge " + e.from() + " -> " + e.to() + ": '" + e.to() + "' ("
                        + to.type() + ") is a source and takes no input");
            }
            inputs.get(to.name()).add(e);
            outputs.get(from.name()).add(to.name());
        }
        for (NodeDefinition n : nodes.values()) {
            StageDescriptor d = descriptors.get(n.name());
            if (d != null && !d.source() && inputs.get(n.name()).isEmpty()) {
                problem(n.position(), "node '" + n.name() + "' (" + n.type() + ") has no input: add an edge to it");
            }
        }
    }

    /** Kahn's algorithm; on a cycle, reports one cycle's path at one of its edges and returns {@code null}. */
    private List<String> order() {
        Map<String, Integer> pending = new HashMap<>();
        ArrayDeque<String> ready = new ArrayDeque<>();
        for (String n : nodes.keySet()) {
            pending.put(n, inputs.get(n).size());
            if (inputs.get(n).isEmpty()) {
                ready.add(n);
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (String next : outputs.get(n)) {
                if (pending.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (order.size() == nodes.size()) {
            return order;
        }
        // Walk backwards along inputs from a node left over: every such node has an input that is also left over.
        Set<String> left = new TreeSet<>(nodes.keySet());
        order.forEach(left::remove);
        List<String> path = new ArrayList<>();
        List<EdgeDefinition> via = new ArrayList<>();
        String at = left.iterator().next();
        while (!path.contains(at)) {
            path.add(at);
            EdgeDefinition in = inputs.get(at).stream().filter(e -> left.contains(e.from())).findFirst().orElseThrow();
            via.add(in);
            at = in.from();
        }
        int start = path.indexOf(at);
        List<String> cycle = new ArrayList<>(path.subList(start, path.size()).reversed());
        cycle.add(cycle.getFirst());
        problem(via.get(start).position(), "cycle: " + String.join(" -> ", cycle));
        return null;
    }

    private List<NodePlan> negotiate(List<String> order) {
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
                    problem(e.position(), "node '" + name + "' (" + n.type() + ") cannot take " + f + " from '"
                            + e.from() + "' (" + nodes.get(e.from()).type() + "); it accepts " + sorted(d.inputs()));
                    ok = false;
                } else if (in != null && in != f) {
                    problem(e.position(), "node '" + name + "' (" + n.type() + ") gets " + in + " and " + f
                            + " from its inputs; they must agree");
                    ok = false;
                } else {
                    in = f;
                }
            }
            if (!ok) {
                continue;
            }
            Map<String, Object> values = properties.get(name);
            PixelFormat o = switch (d.outputRule()) {
                case SAME_AS_INPUT -> in;
                case FIXED -> d.outputs().iterator().next();
                case NONE -> null;
                case PROPERTY -> {
                    Object v = values.get(d.outputProperty());
                    PixelFormat f = v == null ? null : parse(v.toString());
                    if (f == null || !d.outputs().contains(f)) {
                        problem(n.propertyPositions().getOrDefault(d.outputProperty(), n.position()), "node '" + name
                                + "' (" + n.type() + "): property '" + d.outputProperty() + "' must name one of "
                                + sorted(d.outputs()));
                        yield null; // reported; the node is left out of the plans
                    }
                    yield f;
                }
            };
            if (o == null && !d.sink()) {
                continue;
            }
            out.put(name, o);
            QueuePolicy policy = n.queuePolicy() != null ? n.queuePolicy() : def.queuePolicy();
            int capacity = n.queueCapacity() != null ? n.queueCapacity() : policy == QueuePolicy.LATEST ? 1 : 4;
            if (capacity < 1) {
                problem(n.position(), "node '" + name + "': queue capacity must be at least 1");
            }
            boolean canBypass = !d.source() && (d.sink() || in == o);
            MissingProviderPolicy missing = n.missingProvider() == MissingProviderPolicy.HOLD || !canBypass
                    ? MissingProviderPolicy.HOLD : MissingProviderPolicy.BYPASS;
            plans.add(new NodePlan(n, d, in, o, Map.copyOf(values), List.copyOf(outputs.get(name)), policy,
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
