package org.framegrid.demo.internal;

import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.OrchestratorInfo;
import org.framegrid.chain.api.StakingService;
import org.framegrid.chain.api.Units;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.payment.api.ticket.RedeemedTickets;
import org.framegrid.payment.api.ticket.TicketChain;

/**
 * The demo's live stream: a 640x360 clip at 25 fps (real pictures with people, zoomed and panned by test-source; its
 * synthetic pattern when they are missing), each frame stamped with its frame code, published through the gateway
 * client to the {@code showcase} pipeline, the processed stream read back (written to a file and decoded here:
 * frames per second and each frame's latency from its code; one frame saved as a PNG), a line every two seconds with
 * the stream, its latency p50/p99 over those two seconds and the orchestrators, the serving orchestrator killed
 * midway, latency before and after the failover at the end; afterwards a bounded wait for the orchestrators to redeem
 * their winning tickets.
 */
final class LiveStream implements AutoCloseable {
    private final PipelineService pipelines;
    private final SegmentChannels channels;
    private final StakingService staking;
    private final TicketChain tickets;
    private final List<String> orchestrators;
    private final Map<String, Process> processes;
    private final Function<String, String> name;
    private final Consumer<String> say;
    private StreamHandle camera;
    private StreamHandle monitor;
    /** The pipeline the orchestrators offer and the stream runs. */
    static final String PIPELINE = "showcase";

    /**
     * @param processes the orchestrators' node processes, by address
     * @param name      an address's label in the output
     * @param say       prints a step of the demo
     */
    LiveStream(PipelineService pipelines, SegmentChannels channels, StakingService staking, TicketChain tickets,
               List<String> orchestrators, Map<String, Process> processes, Function<String, String> name,
               Consumer<String> say) {
        this.pipelines = pipelines;
        this.channels = channels;
        this.staking = staking;
        this.tickets = tickets;
        this.orchestrators = orchestrators;
        this.processes = processes;
        this.name = name;
        this.say = say;
    }

    /**
     * Streams for {@code seconds}, killing the serving orchestrator at {@code killAt}, the output written to
     * {@code videoFile}, one processed frame (before the failover) to {@code pictureFile}.
     *
     * @param pictures the camera's pictures (comma-separated files; empty: the synthetic pattern)
     * @return what each orchestrator's winning tickets paid on chain, for those that won
     */
    Map<String, RedeemedTickets> run(URI gatewayUri, int seconds, int killAt, String pictures, Path videoFile,
            Path pictureFile) throws Exception {
        String cameraChannel = "demo-camera";
        String outputChannel = "demo-output";
        // The camera stamps each frame with its code (number, capture time) right where it is made.
        camera = pipelines.start(new PipelineDefinition("demo-camera", "demo", "1", List.of(
                new NodeDefinition("camera", "test-source", Map.of("width", 640, "height", 360, "fps", 25.0,
                        "pictures", pictures)),
                new NodeDefinition("code", "frame-code", Map.of(), QueuePolicy.DIRECT, null, null, null, Map.of()),
                new NodeDefinition(MediaStages.ENCODE, MediaStages.ENCODE, Map.of(MediaStages.ENCODE_OUTPUT,
                        MediaStages.CHANNEL_PREFIX + cameraChannel, "fps", 25, "segment-seconds", 1.0))),
                List.of(new EdgeDefinition("camera", "code", null), new EdgeDefinition("code", MediaStages.ENCODE, null)),
                QueuePolicy.LATEST, null), "demo-camera", Map.of());
        SegmentChannel input = channels.open(cameraChannel);
        SegmentChannel output = channels.open(outputChannel);
        // The processed stream as it arrives, decoded here: frames per second, and each frame's code read back.
        monitor = pipelines.start(new PipelineDefinition("demo-monitor", "demo", "1", List.of(
                new NodeDefinition(MediaStages.DECODE, MediaStages.DECODE, Map.of(MediaStages.DECODE_INPUT,
                        MediaStages.CHANNEL_PREFIX + outputChannel, "format", "I420")),
                new NodeDefinition("read", "read-frame-code", Map.of()),
                new NodeDefinition("sink", "null", Map.of())),
                List.of(new EdgeDefinition(MediaStages.DECODE, "read", null), new EdgeDefinition("read", "sink", null)),
                QueuePolicy.LATEST, null), "demo-monitor", Map.of());
        Latencies latencies = new Latencies();
        // The snapshot: the first processed frame from a few seconds before the failover (the models warm by then).
        AtomicReference<BufferedImage> snapshot = new AtomicReference<>();
        AtomicLong snapshotAfter = new AtomicLong(Long.MAX_VALUE);
        monitor.tap("sink", (streamId, node, frame) -> {
            FrameCode code = frame.meta(FrameMeta.FRAME_CODE);
            if (code != null) {
                latencies.frame(code);
            }
            if (snapshot.get() == null && System.nanoTime() >= snapshotAfter.get()) {
                snapshot.set(Snapshot.image(frame));
            }
        });
        long killedAt = -1;
        try (GatewayClient client = new GatewayClient(gatewayUri);
             OutputStream video = Files.newOutputStream(videoFile)) {
            // Real time over completeness: the orchestrator's decoder skips any backlog (a slow start, the failover).
            StreamInfo stream = client.start(PIPELINE, Map.of(MediaStages.DECODE + "." + MediaStages.DECODE_LIVE_EDGE,
                    true));
            System.out.println("stream " + stream.id() + " started on " + name.apply(stream.orchestrator()));
            long streamStart = System.nanoTime();
            snapshotAfter.set(streamStart + TimeUnit.SECONDS.toNanos(Math.max(1, Math.min(15, killAt - 2))));
            try (StreamLink link = new StreamLink(client, stream).start(input, output, video)) {
                long end = streamStart + TimeUnit.SECONDS.toNanos(seconds);
                long lastLine = Latencies.nowMicros();
                while (System.nanoTime() < end) {
                    Thread.sleep(2000);
                    double t = (System.nanoTime() - streamStart) / 1e9;
                    Map<?, ?> st = client.status(stream.id());
                    if (killedAt < 0 && t >= killAt) {
                        String serving = String.valueOf(st.get("orchestrator"));
                        Process p = processes.get(serving);
                        if (p != null) {
                            say.accept("Killing " + name.apply(serving) + " (SIGKILL to its process " + p.pid() + ")");
                            p.destroyForcibly();
                        }
                        killedAt = Latencies.nowMicros();
                    }
                    long now = Latencies.nowMicros();
                    try {
                        liveLine(t, st, latencies.window(lastLine, now), link);
                    } catch (ChainException | IllegalStateException e) {
                        System.out.println("t=" + Math.round(t) + "s  (chain read skipped: " + e.getMessage() + ")");
                    }
                    lastLine = now;
                }
                Map<?, ?> last = client.status(stream.id());
                client.stop(stream.id());
                System.out.println("stream ended: swaps " + last.get("swaps") + ", last gap " + last.get("lastGapMillis")
                        + " ms, failures " + last.get("failures"));
            }
        }
        summary(latencies, killedAt);
        if (snapshot.get() != null) {
            Snapshot.write(snapshot.get(), pictureFile);
            System.out.println("a processed frame: " + pictureFile);
        } else {
            System.out.println("no processed frame arrived to save as " + pictureFile);
        }
        camera.close();
        camera = null;
        say.accept("Waiting for the orchestrators to redeem their winning tickets (bounded: 30 s)");
        Map<String, RedeemedTickets> won = DemoChain.redeemed(tickets, orchestrators);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(4)) {
            Thread.sleep(500);
            Map<String, RedeemedTickets> now = DemoChain.redeemed(tickets, orchestrators);
            if (!now.equals(won)) {
                won = now;
                quietSince = System.nanoTime();
            }
        }
        monitor.close();
        monitor = null;
        return won;
    }

    private void liveLine(double t, Map<?, ?> st, Latencies.Summary latency, StreamLink link) throws ChainException {
        double fps = monitor.status().stages().stream().filter(s -> s.node().equals(MediaStages.DECODE))
                .mapToDouble(StageStatus::fps).findFirst().orElse(0);
        Map<String, RedeemedTickets> won = DemoChain.redeemed(tickets, orchestrators);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "t=%4.0fs  %-2s  fps %4.1f  latency p50 %s p99 %s  segs %d/%d  swaps %s gap %s ms  payments %s "
                        + "(%s ETH)  won %d",
                t, name.apply(String.valueOf(st.get("orchestrator"))), fps, millis(latency.p50()),
                millis(latency.p99()), link.segmentsIn(), link.segmentsOut(), st.get("swaps"), st.get("lastGapMillis"),
                st.get("payments"), Units.formatTokens(new BigInteger(String.valueOf(st.get("paidWei"))), 4),
                won.values().stream().mapToLong(RedeemedTickets::tickets).sum()));
        for (String o : orchestrators) {
            OrchestratorInfo info = staking.orchestrator(o);
            RedeemedTickets paid = won.get(o);
            line.append(String.format(Locale.ROOT, " | %s%s %s LPT fees %s", name.apply(o),
                    processes.get(o).isAlive() ? "" : "✝", Units.formatTokens(info.totalStake(), 0),
                    Units.formatTokens(paid == null ? BigInteger.ZERO : paid.paid(), 4)));
        }
        System.out.println(line);
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "  - " : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    /** Per-frame latency before the failover, in the 2 s after it, and from then on: no backlog may stay behind. */
    private static void summary(Latencies latencies, long killedAt) {
        if (killedAt < 0) {
            Latencies.Summary all = latencies.all();
            System.out.printf(Locale.ROOT, "latency per frame: p50 %s p99 %s (%d frames)%n", millis(all.p50()),
                    millis(all.p99()), all.count());
            return;
        }
        Latencies.Summary before = latencies.window(Long.MIN_VALUE, killedAt);
        Latencies.Summary swap = latencies.window(killedAt, killedAt + 2_000_000);
        Latencies.Summary after = latencies.window(killedAt + 2_000_000, Long.MAX_VALUE);
        System.out.printf(Locale.ROOT, "latency per frame: before the failover p50 %s p99 %s (%d frames); first 2 s "
                        + "after it p50 %s p99 %s (%d); from then on p50 %s p99 %s (%d)%n", millis(before.p50()),
                millis(before.p99()), before.count(), millis(swap.p50()), millis(swap.p99()), swap.count(),
                millis(after.p50()), millis(after.p99()), after.count());
    }

    @Override
    public void close() {
        try (StreamHandle m = monitor; StreamHandle c = camera) {
            // the camera first, then the monitor
        }
    }
}
