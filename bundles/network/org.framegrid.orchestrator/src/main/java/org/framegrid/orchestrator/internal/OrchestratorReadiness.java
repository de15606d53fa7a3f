package org.framegrid.orchestrator.internal;

import java.util.List;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.node.api.Readiness;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;

/**
 * Whether an orchestrator can take the sessions it advertises: every advertised pipeline registered (warm, as
 * {@code /v1/info} says) and a payment receiver bound.
 */
final class OrchestratorReadiness {

    private OrchestratorReadiness() {
    }

    static Readiness check(OrchestratorSettings settings, PipelineService pipelines, PaymentReceivers receivers) {
        List<String> cold = settings.pipelines().stream().filter(p -> pipelines.definition(p).isEmpty()).toList();
        boolean paid = receivers.best().isPresent();
        String check = "orchestrator " + settings.address();
        if (cold.isEmpty() && paid) {
            return new Readiness(check, true, "pipelines " + settings.pipelines() + " warm, a payment receiver bound");
        }
        StringBuilder why = new StringBuilder();
        if (!cold.isEmpty()) {
            why.append("advertised pipelines not registered: ").append(cold)
                    .append(" (a pipelines/NAME.yaml whose stages are all installed)");
        }
        if (!paid) {
            why.append(why.isEmpty() ? "" : "; ").append("no payment receiver (the payment bundle is missing)");
        }
        return new Readiness(check, false, why.toString());
    }
}
