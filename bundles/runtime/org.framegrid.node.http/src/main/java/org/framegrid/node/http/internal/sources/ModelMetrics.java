package org.framegrid.node.http.internal.sources;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.Model;
import org.framegrid.inference.api.ModelSession;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The models installed (every {@link Model} service), how many running stage instances have each loaded (a model
 * stage says what it runs as {@code model NAME VERSION}, {@code StageStatus.using}), and what the inference backends
 * hold loaded ({@link InferenceBackend#sessions()}): a model is warm while a backend holds a session of it that has
 * run, cold otherwise. Warmth is read from the backends, so a model loaded outside a stream (a pipeline warmed at
 * start) counts as well.
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

    private final List<InferenceBackend> backends = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBackend(InferenceBackend backend) {
        backends.add(backend);
    }

    void removeBackend(InferenceBackend backend) {
        backends.remove(backend);
    }

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
        Set<String> warm = new HashSet<>();
        for (InferenceBackend backend : backends) {
            Map<String, long[]> byModel = new TreeMap<>(); // "name version" -> sessions, runs
            for (ModelSession session : backend.sessions()) {
                String key = session.name() + " " + session.version();
                long[] sum = byModel.computeIfAbsent(key, k -> new long[2]);
                sum[0]++;
                sum[1] += session.runs();
                if (session.warm()) {
                    warm.add(key);
                }
            }
            byModel.forEach((key, sum) -> {
                int space = key.indexOf(' ');
                Map<String, String> labels = Map.of("model", key.substring(0, space), "version",
                        key.substring(space + 1), "backend", backend.name());
                out.gauge("framegrid_model_sessions", "Copies of the model the backend holds loaded", labels, sum[0]);
                out.counter("framegrid_model_runs", "Runs of the backend's loaded copies of the model (warm-up "
                        + "included; copies closed since are not counted)", labels, sum[1]);
            });
        }
        for (Installed model : installed) {
            String key = model.name() + " " + model.version();
            int instances = loaded.getOrDefault(key, 0);
            Map<String, String> labels = Map.of("model", model.name(), "version", model.version(),
                    "task", model.task(), "state", warm.contains(key) ? "warm" : "cold");
            out.gauge("framegrid_model_instances", "Running stage instances that loaded the model; state warm while "
                    + "a backend holds a copy of it that has run", labels, instances);
        }
        out.gauge("framegrid_models_installed", "Model versions installed (model bundles in the node)", Map.of(),
                installed.size());
    }
}
