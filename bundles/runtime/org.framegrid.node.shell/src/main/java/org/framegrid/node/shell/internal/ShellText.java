package org.framegrid.node.shell.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamStatus;
import org.framegrid.api.stage.PropertyDescriptor;
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

    /** Every stage type with its class and description, like {@code gst-inspect} without arguments. */
    static String stages(Collection<StageDescriptor> stages) {
        return stages.stream().sorted((a, b) -> a.type().compareTo(b.type()))
                .map(d -> d.type() + "  " + d.classification() + "  " + d.description())
                .collect(Collectors.joining("\n"));
    }

    /** One stage type in full: formats and every property's type, range, default and description. */
    static String stage(StageDescriptor d) {
        StringBuilder text = new StringBuilder(d.type() + "  " + d.classification() + "\n" + d.description() + "\n");
        text.append("inputs   ").append(d.inputs().isEmpty() ? "none (a source)" : sorted(d.inputs())).append('\n');
        text.append("output   ").append(d.outputRule()).append(d.outputs().isEmpty() ? "" : " " + sorted(d.outputs()))
                .append(d.outputProperty() == null ? "" : " (property " + d.outputProperty() + ")").append('\n');
        text.append("properties\n");
        for (PropertyDescriptor p : d.properties()) {
            text.append("  ").append(p.name()).append("  ").append(p.type());
            if (!p.allowed().isEmpty()) {
                text.append(" ").append(p.allowed());
            }
            if (p.min() != null || p.max() != null) {
                text.append(" [").append(p.min() == null ? "" : number(p.min())).append("..")
                        .append(p.max() == null ? "" : number(p.max())).append(']');
            }
            text.append(p.required() ? "  required" : "  default " + p.defaultValue());
            text.append(p.live() ? "  live" : "").append("  ").append(p.description()).append('\n');
        }
        return text.toString().stripTrailing();
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
