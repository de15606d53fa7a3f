package org.framegrid.demo.internal;

import java.util.List;
import java.util.function.Function;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.trickle.channel.SegmentChannels;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code framegrid --tool demo --framegrid SCRIPT [--seconds N] [--round-length BLOCKS] [--work DIR] [--out DIR]}:
 * the network demo (see {@link Demo}). Started by {@code ./framegrid demo}.
 */
@Component(name = "org.framegrid.demo.tool", property = {"framegrid.tool=demo",
        "framegrid.tool.description=the network demo: devchain, orchestrators, a gateway, a live stream"},
        service = Function.class)
public final class DemoTool extends DriverTool {

    @Activate
    public DemoTool(BundleContext context, @Reference ConfigurationAdmin configurations,
                    @Reference PipelineService pipelines, @Reference SegmentChannels channels) {
        super("demo", DemoSettings.USAGE, new DriverNode(context, configurations, pipelines, channels));
    }

    @Override
    protected Work prepare(List<String> args, String home) {
        DemoSettings settings = DemoSettings.parse(args, home);
        return () -> {
            try (Demo demo = new Demo(settings, node)) {
                return demo.run();
            }
        };
    }
}
