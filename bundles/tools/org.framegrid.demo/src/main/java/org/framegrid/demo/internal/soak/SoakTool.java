package org.framegrid.demo.internal.soak;

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
 * {@code framegrid --tool soak --framegrid SCRIPT [--minutes N] [--streams N]}: the soak and chaos run
 * ({@link Soak}). Started by {@code ./framegrid soak}.
 */
@Component(name = "org.framegrid.demo.soak", property = {"framegrid.tool=soak",
        "framegrid.tool.description=soak: live streams through a gateway and two orchestrators under swaps, kills and "
                + "an RPC cut"}, service = Function.class)
public final class SoakTool extends DriverTool {

    @Activate
    public SoakTool(BundleContext context, @Reference ConfigurationAdmin configurations,
                    @Reference PipelineService pipelines, @Reference SegmentChannels channels) {
        super("soak", SoakSettings.USAGE, new DriverNode(context, configurations, pipelines, channels));
    }

    @Override
    protected Work prepare(List<String> args, String home) {
        SoakSettings settings = SoakSettings.parse(args, home);
        return () -> {
            try (Soak soak = new Soak(settings, node)) {
                return soak.run();
            }
        };
    }
}
