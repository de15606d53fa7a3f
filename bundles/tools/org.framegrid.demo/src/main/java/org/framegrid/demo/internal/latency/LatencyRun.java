package org.framegrid.demo.internal.latency;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.demo.internal.Latencies;
import org.framegrid.demo.internal.StreamLink;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.trickle.client.TrickleClient;

/**
 * One measured run of one configuration on one path: the app's pipelines in this node (see {@link AppPipelines}),
 * each frame timed at the receiving tap by its code, and for an interactive pipeline app events sent every 100-300 ms,
 * each timed until the first frame that reflects it arrives. Close it to stop everything it started.
 */
final class LatencyRun implements AutoCloseable {
    private static final AtomicLong RUNS = new AtomicLong();
    /** Event ids go on across runs: the network's scene keeps its last event from one run to the next. */
    private static final AtomicLong EVENT_IDS = new AtomicLong();

    final Latencies frames = new Latencies();
    final Latencies events = new Latencies();
    private final SegmentChannels channels;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> channelNames = new ArrayList<>();
    private final ConcurrentSkipListMap<Long, Long> pending = new ConcurrentSkipListMap<>();
    private Thread sender;
    private StreamHandle receiver;
    private StreamHandle camera;
    private HopBudget budget;

    private LatencyRun(SegmentChannels channels) {
        this.channels = channels;
    }

    /** The baseline: source → stages → encode → channel → decode → read, all in this process. */
    static LatencyRun baseline(PipelineService pipelines, SegmentChannels channels, BenchConfig c)
            throws PipelineDefinitionException {
        LatencyRun r = new LatencyRun(channels);
        String channel = r.channel("base");
        r.receive(pipelines, channel);
        StreamHandle source = pipelines.start(AppPipelines.source(c, c.stages(), channel), channel + "-source",
                Map.of());
        r.open.add(source);
        if (c.interactive()) {
            r.sendEvents(e -> source.send(AppPipelines.SOURCE, e));
        }
        return r;
    }

    /**
     * The network path: (source → encode → channel →) gateway → orchestrator (decode → stages → encode) → gateway →
     * channel → decode → read. An interactive pipeline has no input: its source runs on the orchestrator.
     */
    static LatencyRun network(PipelineService pipelines, SegmentChannels channels, GatewayClient client,
                              StreamInfo stream, BenchConfig c, SSLContext tls)
            throws PipelineDefinitionException, InterruptedException {
        LatencyRun r = new LatencyRun(channels);
        r.budget = new HopBudget();
        r.open.add(r.budget);
        String out = r.channel("out");
        r.receive(pipelines, out);
        SegmentChannel in = null;
        if (!c.interactive()) {
            String camera = r.channel("camera");
            r.camera = pipelines.start(AppPipelines.source(c, List.of(), camera), camera, Map.of());
            r.open.add(r.camera);
            r.camera.tap(MediaStages.ENCODE, (id, node, frame) -> {
                FrameCode code = frame.meta(FrameMeta.FRAME_CODE);
                if (code != null) {
                    r.budget.atAppEncoder(code);
                }
            });
            in = channels.open(camera);
        }
        TrickleClient trickle = new TrickleClient(tls); // the events channel is on the orchestrator
        r.open.add(trickle);
        try {
            r.budget.follow(trickle, URI.create(String.valueOf(client.status(stream.id()).get("events"))));
        } catch (IOException | InterruptedException e) {
            System.out.println("  no per-hop budget: the stream's events channel is unknown (" + e.getMessage() + ")");
        }
        r.open.add(new StreamLink(client, stream).start(in, channels.open(out), null));
        if (c.interactive()) {
            r.sendEvents(e -> client.event(stream.id(), null, e));
        }
        return r;
    }

    private String channel(String role) {
        String name = "bench-" + role + "-" + RUNS.incrementAndGet();
        channelNames.add(name);
        return name;
    }

    private void receive(PipelineService pipelines, String channel) throws PipelineDefinitionException {
        receiver = pipelines.start(AppPipelines.receiver(channel), channel + "-receiver", Map.of());
        open.add(receiver);
        receiver.tap(AppPipelines.SINK, (stream, node, frame) -> {
            FrameCode code = frame.meta(FrameMeta.FRAME_CODE);
            if (code != null) {
                frames.frame(code);
                seen(code.event());
                if (budget != null) {
                    budget.arrived(code);
                }
            }
        });
    }

    /** An event sender: how an app hands an event to the pipeline. */
    @FunctionalInterface
    interface Sender {
        void send(Map<String, Object> event) throws Exception;
    }

    /** Sends {@code {"id": N, "dx": 10}} every 100-300 ms (not in step with the frames), noting when. */
    private void sendEvents(Sender send) {
        sender = Thread.ofVirtual().name("bench-events").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(100, 300));
                    long id = EVENT_IDS.incrementAndGet();
                    pending.put(id, Latencies.nowMicros());
                    send.send(Map.of("id", id, "dx", 10));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.out.println("events stopped: " + e.getMessage());
            }
        });
    }

    /** A frame reflecting events up to {@code event} arrived: each of them waited until now. */
    private void seen(long event) {
        long now = Latencies.nowMicros();
        for (Map.Entry<Long, Long> e = pending.firstEntry(); e != null && e.getKey() <= event;
             e = pending.firstEntry()) {
            if (pending.remove(e.getKey()) != null) {
                events.sample(now, now - e.getValue());
            }
        }
    }

    /** @return where the milliseconds of the network path's frames that arrived in the window went; null if unknown */
    String budget(long from, long to) {
        return budget == null ? null : budget.line(from, to, camera, receiver);
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.interrupt();
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // closing what this run started: nothing to do about a failure
            }
        }
        channelNames.forEach(channels::remove);
    }
}
