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
        "framegrid.tool.description=the network demo: devchain, orchestrators, a gateway, a live stream"})
public final class DemoTool implements Function<List<String>, Integer> {
    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private final PipelineService pipelines;
    private final SegmentChannels channels;

    @Activate
    public DemoTool(BundleContext context, @Reference ConfigurationAdmin configurations,
                    @Reference PipelineService pipelines, @Reference SegmentChannels channels) {
        this.context = context;
        this.configurations = configurations;
        this.pipelines = pipelines;
        this.channels = channels;
    }

    @Override
    public Integer apply(List<String> args) {
        DemoSettings settings;
        try {
            settings = DemoSettings.parse(args, context.getProperty("framegrid.home"));
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage() + "\n" + DemoSettings.USAGE);
            return 2;
        }
        try (Demo demo = new Demo(settings, context, configurations, pipelines, channels)) {
            return demo.run();
        } catch (Exception e) {
            System.err.println("demo: failed: " + e.getMessage());
            return 1;
        }
    }
}
