package org.framegrid.node.http.internal.sources;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.inference.api.Model;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The models installed (every {@link Model} service) and how many running stage instances have each loaded: a model
 * is warm while that count is above 0 and cold otherwise. A model stage says what it runs as
 * {@code model NAME VERSION} ({@code StageStatus.using}).
 */
@Component(name = "org.framegrid.node.http.models", service = MetricSource.class)
public final class ModelMetrics implements MetricSource {

    private static final Pattern USING = Pattern.compile("model (\\S+) (\\S+)");

    /** A model service's properties: what the model extender registers. */
    private record Installed(String name, String version, String task) {
    }

    private final List<Installed> installed = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PipelineService engine;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModel(Model model, Map<String, Object> properties) {
        installed.add(installed(properties));
    }

    void removeModel(Model model, Map<String, Object> properties) {
        installed.remove(installed(properties));
    }

    private static Installed installed(Map<String, Object> properties) {
        return new Installed(String.valueOf(properties.get(Model.NAME_PROPERTY)),
                String.valueOf(properties.get(Model.VERSION_PROPERTY)), String.valueOf(properties.get(Model.TASK_PROPERTY)));
    }

    @Override
    public void collect(MetricWriter out) {
        Map<String, Integer> loaded = new HashMap<>();
        PipelineService e = engine;
        if (e != null) {
            for (StreamHandle h : e.streams()) {
                for (StageStatus s : h.status().stages()) {
                    Matcher m = s.using() == null ? null : USING.matcher(s.using());
                    if (m != null && m.matches()) {
                        loaded.merge(m.group(1) + " " + m.group(2), 1, Integer::sum);
                    }
                }
            }
        }
        for (Installed model : installed) {
            int instances = loaded.getOrDefault(model.name() + " " + model.version(), 0);
            Map<String, String> labels = Map.of("model", model.name(), "version", model.version(),
                    "task", model.task(), "state", instances > 0 ? "warm" : "cold");
            out.gauge("framegrid_model_instances", "Running stage instances that loaded the model (0: installed, cold)",
                    labels, instances);
        }
        out.gauge("framegrid_models_installed", "Model versions installed (model bundles in the node)", Map.of(),
                installed.size());
    }
}
