package org.framegrid.orchestrator.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.node.api.Readiness;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;

/**
 * Whether an orchestrator can take the sessions it advertises: every advertised pipeline registered, the models they
 * run warm (loaded by a backend, {@link ModelWarmth}), and a payment receiver bound.
 */
final class OrchestratorReadiness {

    private OrchestratorReadiness() {
    }

    static Readiness check(OrchestratorSettings settings, PipelineService pipelines, StageCatalog catalog,
            ModelWarmth warmth, PaymentReceivers receivers) {
        List<String> missing = new ArrayList<>();
        Set<String> models = new LinkedHashSet<>();
        List<String> cold = new ArrayList<>();
        for (String name : settings.pipelines()) {
            Optional<PipelineDefinition> p = pipelines.definition(name);
            if (p.isEmpty()) {
                missing.add(name);
                continue;
            }
            List<String> used = warmth.models(p.get(), catalog);
            models.addAll(used);
            for (String model : warmth.cold(used)) {
                cold.add(model + " (pipeline " + name + ")");
            }
        }
        boolean paid = receivers.best().isPresent();
        String check = "orchestrator " + settings.address();
        if (missing.isEmpty() && cold.isEmpty() && paid) {
            return new Readiness(check, true, "pipelines " + settings.pipelines() + " registered"
                    + (models.isEmpty() ? "" : ", models " + models + " warm") + ", a payment receiver bound");
        }
        StringBuilder why = new StringBuilder();
        if (!missing.isEmpty()) {
            why.append("advertised pipelines not registered: ").append(missing)
                    .append(" (a pipelines/NAME.yaml whose stages are all installed)");
        }
        if (!cold.isEmpty()) {
            why.append(why.isEmpty() ? "" : "; ").append("models cold: ").append(cold)
                    .append(" (no backend holds them loaded yet: a session or warming at start loads them)");
        }
        if (!paid) {
            why.append(why.isEmpty() ? "" : "; ").append("no payment receiver (the payment bundle is missing)");
        }
        return new Readiness(check, false, why.toString());
    }
}
