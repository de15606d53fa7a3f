package org.framegrid.runtime.status.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.framegrid.node.api.Readiness;
import org.framegrid.node.api.ReadinessCheck;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The node's bundles and components for the operator surface: {@code /readyz} is not ready while a bundle is not
 * active or a component waits (each named with what it waits for), and their counts are metrics.
 */
@Component(name = "org.framegrid.runtime.status.readiness", service = {ReadinessCheck.class, MetricSource.class})
public final class NodeReadiness implements ReadinessCheck, MetricSource {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    @Activate
    public NodeReadiness(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    @Override
    public List<Readiness> check() {
        NodeStatus status = NodeStatus.read(context, scr);
        List<Readiness> conditions = new ArrayList<>();
        conditions.add(new Readiness("bundles and components", status.problems().isEmpty(), status.summary()));
        status.problems().forEach(p -> conditions.add(new Readiness(p.subject(), false, p.detail())));
        return conditions;
    }

    @Override
    public void collect(MetricWriter out) {
        NodeStatus s = NodeStatus.read(context, scr);
        out.gauge("framegrid_node_bundles", "Bundles installed, by state (fragments count as active)",
                Map.of("state", "active"), s.activeBundles());
        out.gauge("framegrid_node_bundles", "Bundles installed, by state (fragments count as active)",
                Map.of("state", "inactive"), s.bundles() - s.activeBundles());
        out.gauge("framegrid_node_components", "Component configurations, by state", Map.of("state", "active"),
                s.activeComponents());
        out.gauge("framegrid_node_components", "Component configurations, by state", Map.of("state", "unsatisfied"),
                s.components() - s.activeComponents());
    }
}
