package org.framegrid.demo.internal.latency;

import java.util.List;
import java.util.function.Function;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.demo.internal.DriverNode;
import org.framegrid.demo.internal.DriverTool;
import org.framegrid.trickle.channel.SegmentChannels;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code framegrid --tool bench.latency --framegrid SCRIPT [options]}: the latency benchmark ({@link LatencyBench}).
 * Started by {@code ./framegrid bench latency}.
 */
@Component(name = "org.framegrid.demo.bench.latency", property = {"framegrid.tool=bench.latency",
        "framegrid.tool.description=per-frame latency: one process vs app → gateway → orchestrator → gateway → app"},
        service = Function.class)
public final class LatencyTool extends DriverTool {

    @Activate
    public LatencyTool(BundleContext context, @Reference ConfigurationAdmin configurations,
                       @Reference PipelineService pipelines, @Reference SegmentChannels channels) {
        super("bench latency", LatencySettings.USAGE, new DriverNode(context, configurations, pipelines, channels));
    }

    @Override
    protected Work prepare(List<String> args, String home) {
        LatencySettings settings = LatencySettings.parse(args, home);
        return () -> new LatencyBench(settings, node).run();
    }
}
