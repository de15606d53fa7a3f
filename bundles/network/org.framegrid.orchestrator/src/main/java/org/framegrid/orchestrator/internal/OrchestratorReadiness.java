package org.framegrid.orchestrator.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.node.api.Readiness;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;

/**
 * Whether an orchestrator can take the sessions it advertises: every advertised pipeline registered and past its
 * warm-up at start ({@link PipelineWarmup}; one whose warm-up failed still counts, its sessions start cold), the
 * models they run warm (loaded by a backend, {@link ModelWarmth}, or run by the pipeline's warm-up), and a payment
 * receiver bound.
 */
final class OrchestratorReadiness {

    private OrchestratorReadiness() {
    }

    /** For a node without a warm-up at start. */
    static Readiness check(OrchestratorSettings settings, PipelineService pipelines, StageCatalog catalog,
            ModelWarmth warmth, PaymentReceivers receivers) {
        return check(settings, pipelines, catalog, warmth, receivers, null);
    }

    /** @param warmup the node's warm-up of its pipelines, or {@code null} when it has none */
    static Readiness check(OrchestratorSettings settings, PipelineService pipelines, StageCatalog catalog,
            ModelWarmth warmth, PaymentReceivers receivers, PipelineWarmup warmup) {
        List<String> missing = new ArrayList<>();
        List<String> warming = new ArrayList<>();
        Set<String> models = new LinkedHashSet<>();
        List<String> cold = new ArrayList<>();
        Map<String, PipelineWarmup.State> states = warmup == null ? Map.of() : warmup.states();
        for (String name : settings.pipelines()) {
            Optional<PipelineDefinition> p = pipelines.definition(name);
            if (p.isEmpty()) {
                missing.add(name);
                continue;
            }
            PipelineWarmup.State state = states.get(name);
            if (warmup != null && state != PipelineWarmup.State.WARM && state != PipelineWarmup.State.FAILED) {
                warming.add(name);
            }
            List<String> used = warmth.models(p.get(), catalog);
            models.addAll(used);
            if (state == PipelineWarmup.State.WARM) {
                continue; // its warm-up ran these models at start
            }
            for (String model : warmth.cold(used)) {
                cold.add(model + " (pipeline " + name + ")");
            }
        }
        boolean paid = receivers.best().isPresent();
        String check = "orchestrator " + settings.address();
        if (missing.isEmpty() && warming.isEmpty() && cold.isEmpty() && paid) {
            Map<String, String> failed = warmup == null ? Map.of() : warmup.failures();
            String warmed = warmup == null ? "" : failed.isEmpty() ? " and warmed"
                    : " (not warmed, their sessions start cold: " + failed + ")";
            return new Readiness(check, true, "pipelines " + settings.pipelines() + " registered" + warmed
                    + (models.isEmpty() ? "" : ", models " + models + " warm") + ", a payment receiver bound");
        }
        StringBuilder why = new StringBuilder();
        if (!missing.isEmpty()) {
            why.append("advertised pipelines not registered: ").append(missing)
                    .append(" (a pipelines/NAME.yaml whose stages are all installed)");
        }
        if (!warming.isEmpty()) {
            why.append(why.isEmpty() ? "" : "; ").append("warming pipelines: ").append(warming);
        }
        if (!cold.isEmpty()) {
            why.append(why.isEmpty() ? "" : "; ").append("models cold: ").append(cold)
                    .append(" (no backend holds them loaded yet: a session or warming at start loads them)");
        }
        if (!paid) {
            why.append(why.isEmpty() ? "" : "; ").append(receivers.whyNone());
        }
        return new Readiness(check, false, why.toString());
    }
}
