package org.framegrid.node.shell.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamStatus;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.node.api.MetricSample;

/** The shell commands' text: one line per item, columns separated by two spaces, numbers rounded for reading. */
final class ShellText {

    private ShellText() {
    }

    static String streams(Collection<StreamStatus> streams) {
        if (streams.isEmpty()) {
            return "no streams";
        }
        StringBuilder text = new StringBuilder();
        for (StreamStatus s : streams) {
            StageStatus last = s.stages().isEmpty() ? null : s.stages().get(s.stages().size() - 1);
            text.append(String.format(Locale.ROOT, "%s  %s  %s  %d stages%s%n", s.streamId(), s.pipeline(),
                    s.state(), s.stages().size(), last == null ? ""
                            : String.format(Locale.ROOT, ", %s at %.1f fps", last.node(), last.fps())));
        }
        return text.toString().stripTrailing();
    }

    static String stream(StreamStatus s) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s  %s (revision %s)  %s%s%n",
                s.streamId(), s.pipeline(), s.revision(), s.state(), s.reason() == null ? "" : ": " + s.reason()));
        text.append("node  type  mode  fps  p50 ms  p99 ms  queue  processed  dropped  failed  provider\n");
        for (StageStatus st : s.stages()) {
            text.append(String.format(Locale.ROOT, "%s  %s  %s  %.1f  %.2f  %.2f  %d/%d  %d  %d  %d  %s%n",
                    st.node(), st.type(), st.mode(), st.fps(), st.p50Millis(), st.p99Millis(), st.queueDepth(),
                    st.queueCapacity(), st.processed(), st.drops(), st.errors(),
                    st.provider() == null ? "-" : st.provider()));
        }
        return text.toString().stripTrailing();
    }

    static String pipelines(Collection<PipelineDefinition> definitions) {
        if (definitions.isEmpty()) {
            return "no pipelines";
        }
        return definitions.stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .map(d -> d.name() + "  " + d.nodes().stream().map(n -> n.type()).collect(Collectors.joining(" → "))
                        + "  (" + d.source() + ")")
                .collect(Collectors.joining("\n"));
    }

    /** One pipeline: its nodes with their properties and queue policy, then its edges. */
    static String pipeline(PipelineDefinition d) {
        StringBuilder text = new StringBuilder(d.name() + "  (" + d.source() + ")\n");
        for (NodeDefinition n : d.nodes()) {
            text.append("  ").append(n.name()).append("  ").append(n.type());
            if (!n.properties().isEmpty()) {
                text.append("  ").append(new TreeMap<>(n.properties()));
            }
            text.append('\n');
        }
        for (EdgeDefinition e : d.edges()) {
            text.append("  ").append(e.from()).append(" → ").append(e.to()).append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** What the catalog finds wrong with a pipeline, one problem a line, or that it is fine. */
    static String problems(PipelineDefinition d, List<PipelineProblem> problems) {
        if (problems.isEmpty()) {
            return d.name() + ": no problems";
        }
        return problems.stream().map(p -> d.name() + ": " + p).collect(Collectors.joining("\n"));
    }

    /** Every stage type with its class and description, like {@code gst-inspect} without arguments. */
    static String stages(Collection<StageDescriptor> stages) {
        return stages.stream().sorted((a, b) -> a.type().compareTo(b.type()))
                .map(d -> d.type() + "  " + d.classification() + "  " + d.description())
                .collect(Collectors.joining("\n"));
    }

    /**
     * One stage type in full, laid out like {@code gst-inspect-1.0 ELEMENT}: factory details, pad templates (the
     * formats it takes and gives), and every property with its description, flags, type, range or allowed values,
     * default and the version that introduced it.
     */
    static String stage(StageDescriptor d) {
        StringBuilder text = new StringBuilder("Factory Details:\n");
        detail(text, "Type", d.type());
        detail(text, "Klass", d.classification());
        detail(text, "Description", d.description());
        text.append("\nPad Templates:\n");
        text.append("  SINK template: 'sink'\n    Availability: ").append(d.source() ? "Never (a source)\n"
                : "Always\n    Formats: " + sorted(d.inputs()) + "\n");
        text.append("\n  SRC template: 'src'\n    Availability: ").append(d.sink() ? "Never (a sink)\n"
                : "Always\n    Formats: " + switch (d.outputRule()) {
                    case SAME_AS_INPUT -> "the input's";
                    case FIXED -> sorted(d.outputs());
                    case PROPERTY -> "named by property '" + d.outputProperty() + "': " + sorted(d.outputs());
                    case NONE -> "none";
                } + "\n");
        text.append("\nElement Properties:\n");
        if (d.properties().isEmpty()) {
            text.append("  none\n");
        }
        for (PropertyDescriptor p : d.properties()) {
            String indent = " ".repeat(24);
            text.append(String.format(Locale.ROOT, "  %-20s: %s%n", p.name(), p.description()));
            text.append(indent).append("flags: ").append(p.required() ? "required, " : "")
                    .append(p.live() ? "changeable while playing" : "changing it restarts the stage").append('\n');
            text.append(indent).append(typeName(p.type()));
            if (p.min() != null || p.max() != null) {
                text.append(". Range: ").append(p.min() == null ? "-inf" : number(p.min())).append(" - ")
                        .append(p.max() == null ? "inf" : number(p.max()));
            }
            text.append(p.required() ? ". No default" : ". Default: " + value(p.defaultValue())).append('\n');
            if (!p.allowed().isEmpty()) {
                text.append(indent).append("   ").append(String.join(", ", p.allowed())).append('\n');
            }
            text.append(indent).append("Since: ").append(p.since()).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static void detail(StringBuilder text, String name, String value) {
        text.append(String.format(Locale.ROOT, "  %-25s%s%n", name, value));
    }

    private static String typeName(PropertyType type) {
        return switch (type) {
            case STRING -> "String";
            case INTEGER -> "Integer";
            case DOUBLE -> "Double";
            case BOOLEAN -> "Boolean";
            case ENUM -> "Enum";
        };
    }

    private static String value(Object value) {
        if (value instanceof Number n) {
            return number(n.doubleValue());
        }
        return value instanceof String text ? '"' + text + '"' : String.valueOf(value);
    }

    /** Metric samples whose name starts with {@code prefix}: {@code name{label="value",...} value}. */
    static String metrics(List<MetricSample> samples, String prefix) {
        String text = samples.stream().filter(s -> s.name().startsWith(prefix))
                .map(s -> s.name() + (s.counter() ? "_total" : "") + labels(s.labels()) + " " + number(s.value()))
                .collect(Collectors.joining("\n"));
        return text.isEmpty() ? "no metrics named " + prefix + "* now" : text;
    }

    static String levels(Map<String, String> levels) {
        return new TreeMap<>(levels).entrySet().stream().map(e -> e.getKey() + "  " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String sorted(Collection<?> values) {
        return values.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
