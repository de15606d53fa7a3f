package org.framegrid.selection.internal;

import java.util.Map;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.framegrid.selection.api.OrchestratorSelector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The default selection's view of the orchestrators as metrics: which are suspended, how often a failure or stall
 * suspended each, their success rate and latency. A component of its own, so that the selector itself (which plain
 * Java tests load with {@link java.util.ServiceLoader}) needs no node API.
 */
@Component(name = "org.framegrid.selection.metrics", service = MetricSource.class)
public final class SelectionMetrics implements MetricSource {

    private final DefaultSelector selector;

    @Activate
    public SelectionMetrics(@Reference(target = "(component.name=org.framegrid.selection.default)")
            OrchestratorSelector selector) {
        this.selector = (DefaultSelector) selector;
    }

    /** Outside a framework (tests). */
    SelectionMetrics(DefaultSelector selector) {
        this.selector = selector;
    }

    @Override
    public void collect(MetricWriter out) {
        for (DefaultSelector.Known k : selector.known()) {
            Map<String, String> labels = Map.of("orchestrator", k.address());
            out.gauge("framegrid_selection_suspended", "1 while the orchestrator is suspended after a failure or "
                    + "stall", labels, k.suspended() ? 1 : 0);
            out.counter("framegrid_selection_suspensions", "Failures and stalls that suspended the orchestrator",
                    labels, k.suspensions());
            out.gauge("framegrid_selection_success_rate", "The orchestrator's success rate (moving average)", labels,
                    k.successRate());
            if (k.latencyMillis() >= 0) {
                out.gauge("framegrid_selection_latency_seconds", "The orchestrator's measured latency (moving "
                        + "average)", labels, k.latencyMillis() / 1000);
            }
        }
    }
}
