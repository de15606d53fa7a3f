package org.framegrid.orchestrator.internal;

import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.node.api.Readiness;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;

/**
 * Whether an orchestrator can take the sessions it advertises at once: every advertised pipeline registered and past
 * its warm-up ({@link PipelineWarmup}; one whose warm-up failed still counts, its sessions start cold), and a payment
 * receiver bound.
 */
final class OrchestratorReadiness {

    private OrchestratorReadiness() {
    }

    static Readiness check(OrchestratorSettings settings, PipelineService pipelines, PaymentReceivers receivers,
                           PipelineWarmup warmup) {
        List<String> cold = settings.pipelines().stream().filter(p -> pipelines.definition(p).isEmpty()).toList();
        Map<String, PipelineWarmup.State> states = warmup.states();
        List<String> warming = settings.pipelines().stream().filter(p -> !cold.contains(p)
                && states.get(p) != PipelineWarmup.State.WARM && states.get(p) != PipelineWarmup.State.FAILED)
                .toList();
        boolean paid = receivers.best().isPresent();
        String check = "orchestrator " + settings.address();
        if (cold.isEmpty() && warming.isEmpty() && paid) {
            Map<String, String> failed = warmup.failures();
            return new Readiness(check, true, "pipelines " + settings.pipelines() + (failed.isEmpty() ? " warm"
                    : " registered (not warmed, their sessions start cold: " + failed + ")")
                    + ", a payment receiver bound");
        }
        StringBuilder why = new StringBuilder();
        if (!cold.isEmpty()) {
            why.append("advertised pipelines not registered: ").append(cold)
                    .append(" (a pipelines/NAME.yaml whose stages are all installed)");
        }
        if (!warming.isEmpty()) {
            why.append(why.isEmpty() ? "" : "; ").append("warming pipelines: ").append(warming);
        }
        if (!paid) {
            why.append(why.isEmpty() ? "" : "; ").append("no payment receiver (the payment bundle is missing)");
        }
        return new Readiness(check, false, why.toString());
    }
}
