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
import org.framegrid.api.pipeline.DidYouMean;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.SourcePosition;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.StageDescriptor;

/**
 * Validates a definition against the stage types known now (the rules documented on {@code StageDescriptor}),
 * collecting every problem with the position it concerns rather than stopping at the first: node names, types,
 * properties and their values, edges, cycles. The result is an {@link Assembly}, from which each stream plans its
 * formats with its own parameters.
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

    /**
     * @param providers the provider registry's generation that {@code lookup} answers for
     * @return the assembly; its {@link Assembly#plan plan} reports the problems found here too
     */
    static Assembly assemble(PipelineDefinition def, long providers, Function<String, StageDescriptor> lookup,
                             Collection<String> knownTypes) {
        Assembler a = new Assembler(def, lookup, knownTypes);
        a.nodesAndProperties();
        a.edges();
        List<String> order = a.order();
        return new Assembly(def, providers, a.problems, a.nodes, a.descriptors, a.properties, a.inputs, a.outputs,
                order);
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
        PipelineProblem p = Assembly.set(n, d, properties.get(n.name()), name, value, at, def);
        if (p != null) {
            problems.add(p);
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
}
