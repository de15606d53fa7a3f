package org.framegrid.demo.internal;

import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.trickle.channel.SegmentChannels;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What the driver node gives each of its tools (the demo, {@code bench latency}, the soak): its framework and
 * configurations (the devchain is configured and its services found there, see {@link DemoChain}), the app's pipelines
 * and the segment channels they stream through.
 */
public record DriverNode(BundleContext context, ConfigurationAdmin configurations, PipelineService pipelines,
                         SegmentChannels channels) {
}
