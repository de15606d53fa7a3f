package org.framegrid.node.http.internal.sources;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.FramePoolStatus;
import org.framegrid.api.pipeline.LatencyHistogram;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.api.pipeline.StreamStatus;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The pipeline engine's figures, read from {@link PipelineService} at scrape time: streams by state, each running
 * stream's frames in and out, each stage's counters, rate, queue and latency histogram, what provides it, and the
 * frame pool. Stream labels exist only while the stream runs.
 */
@Component(name = "org.framegrid.node.http.engine", service = MetricSource.class)
public final class EngineMetrics implements MetricSource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PipelineService engine;

    @Override
    public void collect(MetricWriter out) {
        PipelineService e = engine;
        if (e == null) {
            return;
        }
        FramePoolStatus pool = e.framePool();
        out.gauge("framegrid_frame_pool_bytes", "Off-heap bytes of the frame buffers the engine's pool holds "
                + "(borrowed and free)", Map.of(), pool.bytesHeld());
        out.gauge("framegrid_frame_pool_frames_borrowed", "Frames handed out by the pool and not released yet",
                Map.of(), pool.borrowed());
        out.counter("framegrid_frame_pool_buffers_allocated", "Pixel buffers the pool allocated (a steady stream "
                + "allocates none)", Map.of(), pool.buffersAllocated());
        out.gauge("framegrid_pipelines", "Pipeline definitions registered", Map.of(), e.definitions().size());
        Map<StreamState, Integer> states = new EnumMap<>(StreamState.class);
        for (StreamState s : StreamState.values()) {
            states.put(s, 0);
        }
        for (StreamHandle h : e.streams()) {
            StreamStatus status = h.status();
            states.merge(status.state(), 1, Integer::sum);
            stream(out, h.definition(), status);
        }
        states.forEach((state, n) -> out.gauge("framegrid_streams", "Streams running in the engine, by state",
                Map.of("state", state.name()), n));
    }

    private static void stream(MetricWriter out, PipelineDefinition d, StreamStatus status) {
        Map<String, String> labels = Map.of("stream", status.streamId(), "pipeline", status.pipeline());
        out.gauge("framegrid_stream_state", "1 for the state the stream is in", Map.of("stream", status.streamId(),
                "pipeline", status.pipeline(), "state", status.state().name()), 1);
        long in = 0;
        long outFrames = 0;
        for (StageStatus s : status.stages()) {
            if (!fed(d.edges(), s.node())) {
                in += s.processed();
            }
            if (!feeds(d.edges(), s.node())) {
                outFrames += s.processed();
            }
            stage(out, status, s);
        }
        out.counter("framegrid_stream_frames_in", "Frames the stream's sources produced (decoded input)", labels, in);
        out.counter("framegrid_stream_frames_out", "Frames the stream's sinks took (encoded output)", labels,
                outFrames);
    }

    private static void stage(MetricWriter out, StreamStatus stream, StageStatus s) {
        Map<String, String> labels = Map.of("stream", stream.streamId(), "pipeline", stream.pipeline(),
                "node", s.node(), "type", s.type());
        out.counter("framegrid_stage_frames_processed", "Frames the stage processed", labels, s.processed());
        out.counter("framegrid_stage_frames_dropped", "Frames dropped from the stage's input queue (live streams "
                + "drop the oldest)", labels, s.drops());
        out.counter("framegrid_stage_frames_failed", "Frames that failed in the stage", labels, s.errors());
        out.gauge("framegrid_stage_fps", "Frames per second the stage processed over the last status period",
                labels, s.fps());
        out.gauge("framegrid_stage_queue_depth", "Frames waiting in the stage's input queue", labels, s.queueDepth());
        out.gauge("framegrid_stage_queue_capacity", "Capacity of the stage's input queue (0: a source)", labels,
                s.queueCapacity());
        LatencyHistogram h = s.latency();
        out.histogram("framegrid_stage_latency_seconds", "Time the stage took per frame", labels,
                h.upperBoundsMillis().stream().map(ms -> ms / 1000).toList(), h.counts(), h.sumMillis() / 1000);
        if (s.provider() != null) {
            String provider = s.using() == null ? s.provider()
                    : s.provider().substring(0, Math.max(0, s.provider().length() - s.using().length() - 3));
            out.gauge("framegrid_stage_provider", "1 for the bundle (and model) running the stage now",
                    Map.of("stream", stream.streamId(), "node", s.node(), "provider", provider,
                            "using", s.using() == null ? "" : s.using()), 1);
        }
    }

    /** @return whether an edge leads into {@code node} (else it is a source) */
    private static boolean fed(List<EdgeDefinition> edges, String node) {
        return edges.stream().anyMatch(e -> names(e.to(), node));
    }

    /** @return whether an edge leaves {@code node} (else it is a sink) */
    private static boolean feeds(List<EdgeDefinition> edges, String node) {
        return edges.stream().anyMatch(e -> names(e.from(), node));
    }

    /** An edge end names a node, or one of its ports ({@code node.port}). */
    private static boolean names(String end, String node) {
        return end.equals(node) || end.startsWith(node + ".");
    }
}
