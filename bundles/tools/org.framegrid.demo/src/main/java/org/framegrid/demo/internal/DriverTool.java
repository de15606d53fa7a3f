package org.framegrid.demo.internal;

import java.util.List;
import java.util.function.Function;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.trickle.channel.SegmentChannels;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A tool of the driver node ({@code framegrid --tool NAME ARGS}): what the demo and {@code bench latency} both need
 * from it (the devchain's configuration, the app's pipelines and segment channels), their options parsed first with a
 * one-line error and the usage, then run.
 */
public abstract class DriverTool implements Function<List<String>, Integer> {
    protected final BundleContext context;
    protected final ConfigurationAdmin configurations;
    protected final PipelineService pipelines;
    protected final SegmentChannels channels;
    private final String name;
    private final String usage;

    protected DriverTool(String name, String usage, BundleContext context, ConfigurationAdmin configurations,
                         PipelineService pipelines, SegmentChannels channels) {
        this.name = name;
        this.usage = usage;
        this.context = context;
        this.configurations = configurations;
        this.pipelines = pipelines;
        this.channels = channels;
    }

    /** @return the tool's work, set up by {@code args} (an {@link IllegalArgumentException} says what is wrong) */
    protected abstract Work prepare(List<String> args, String home);

    /** What a tool runs once its options are parsed. */
    @FunctionalInterface
    protected interface Work {
        int run() throws Exception;
    }

    @Override
    public Integer apply(List<String> args) {
        Work work;
        try {
            work = prepare(args, context.getProperty("framegrid.home"));
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage() + "\n" + usage);
            return 2;
        }
        try {
            return work.run();
        } catch (Exception e) {
            System.err.println(name + ": failed: " + e.getMessage());
            return 1;
        }
    }
}
