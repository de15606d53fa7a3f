package org.framegrid.demo.internal.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.stage.MediaStages;

/**
 * The app's pipelines in the bench's node: a source ({@code scene}, which draws the frame code into every frame)
 * through some stages into an encoder writing a local segment channel, and a receiver decoding a local channel and
 * reading the codes back, its last node tapped. Live queues throughout: a late frame is dropped, never queued.
 */
public final class AppPipelines {
    public static final String SOURCE = "scene";
    public static final String SINK = "sink";

    private AppPipelines() {
    }

    /** scene → {@code stages} → encode into {@code channel} */
    public static PipelineDefinition source(BenchConfig c, List<NodeDefinition> stages, String channel) {
        List<NodeDefinition> nodes = new ArrayList<>();
        nodes.add(new NodeDefinition(SOURCE, "scene", Map.of("width", c.width(), "height", c.height(),
                "fps", (double) BenchConfig.FPS)));
        nodes.addAll(stages);
        nodes.add(new NodeDefinition(MediaStages.ENCODE, MediaStages.ENCODE, Map.of(MediaStages.ENCODE_OUTPUT,
                MediaStages.CHANNEL_PREFIX + channel, "fps", BenchConfig.FPS, "bitrate", BenchConfig.BITRATE)));
        return linear("bench-source", nodes);
    }

    /** decode {@code channel} → read-frame-code → sink */
    public static PipelineDefinition receiver(String channel) {
        return linear("bench-receiver", List.of(
                new NodeDefinition(MediaStages.DECODE, MediaStages.DECODE, Map.of(MediaStages.DECODE_INPUT,
                        MediaStages.CHANNEL_PREFIX + channel, "format", "I420")),
                new NodeDefinition("read", "read-frame-code", Map.of()),
                new NodeDefinition(SINK, "null", Map.of())));
    }

    private static PipelineDefinition linear(String name, List<NodeDefinition> nodes) {
        List<EdgeDefinition> edges = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            edges.add(new EdgeDefinition(nodes.get(i - 1).name(), nodes.get(i).name(), null));
        }
        return new PipelineDefinition(name, "bench latency", "1", nodes, edges, QueuePolicy.LATEST, null);
    }
}
