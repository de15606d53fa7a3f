package org.framegrid.orchestrator.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.ModelSession;

/**
 * Whether the models of an orchestrator's pipelines are warm: a node's text property (as written, or its stage
 * type's default) that names an installed model is a model the pipeline runs, and it is warm while an inference
 * backend holds a copy of it that has run ({@link InferenceBackend#sessions()}), loaded by a session's stage or by
 * warming at start. Read by the readiness check; the installed names and the backends follow the node's services.
 * Thread-safe.
 */
final class ModelWarmth {
    private final List<String> installed = new CopyOnWriteArrayList<>();
    private final List<InferenceBackend> backends = new CopyOnWriteArrayList<>();

    void addModel(String name) {
        installed.add(name);
    }

    void removeModel(String name) {
        installed.remove(name);
    }

    void addBackend(InferenceBackend backend) {
        backends.add(backend);
    }

    void removeBackend(InferenceBackend backend) {
        backends.remove(backend);
    }

    /** @return the installed models the pipeline's nodes name, in node order */
    List<String> models(PipelineDefinition pipeline, StageCatalog catalog) {
        Set<String> names = new LinkedHashSet<>();
        for (NodeDefinition node : pipeline.nodes()) {
            StageDescriptor type = catalog.find(node.type()).orElse(null);
            if (type == null) {
                continue;
            }
            for (PropertyDescriptor p : type.properties()) {
                Object value = node.properties().getOrDefault(p.name(), p.defaultValue());
                if (p.type() == PropertyType.STRING && value instanceof String name && installed.contains(name)) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }

    /** @return those of {@code models} that no backend holds warm */
    List<String> cold(List<String> models) {
        Set<String> warm = new LinkedHashSet<>();
        for (InferenceBackend backend : backends) {
            for (ModelSession s : backend.sessions()) {
                if (s.warm()) {
                    warm.add(s.name());
                }
            }
        }
        List<String> cold = new ArrayList<>(models);
        cold.removeAll(warm);
        return cold;
    }
}
