package org.framegrid.demo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
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
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.payment.api.ticket.RedeemedTickets;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.trickle.client.TrickleClient;

/**
 * The demo's live stream: a generated 640x360 clip at 25 fps published through the gateway client, the processed
 * stream read back (written to a file and decoded here to count its frames per second), a line every two seconds
 * with the stream and the orchestrators, the serving orchestrator killed midway; afterwards a bounded wait for the
 * orchestrators to redeem their winning tickets.
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
     * {@code videoFile}.
     *
     * @return what each orchestrator's winning tickets paid on chain, for those that won
     */
    Map<String, RedeemedTickets> run(URI gatewayUri, int seconds, int killAt, Path videoFile) throws Exception {
        String cameraChannel = "demo-camera";
        String outputChannel = "demo-output";
        camera = pipelines.start(new PipelineDefinition("demo-camera", "demo", "1", List.of(
                new NodeDefinition("camera", "test-source", Map.of("width", 640, "height", 360, "fps", 25.0)),
                new NodeDefinition(MediaStages.ENCODE, MediaStages.ENCODE, Map.of(MediaStages.ENCODE_OUTPUT,
                        MediaStages.CHANNEL_PREFIX + cameraChannel, "fps", 25,
                        "segment-seconds", 1.0))), List.of(new EdgeDefinition("camera", MediaStages.ENCODE, null)),
                QueuePolicy.LATEST, null), "demo-camera", Map.of());
        SegmentChannel input = channels.open(cameraChannel);
        SegmentChannel output = channels.open(outputChannel);
        // The processed stream as it arrives: decoded here only to count its frames per second.
        monitor = pipelines.start(new PipelineDefinition("demo-monitor", "demo", "1", List.of(
                new NodeDefinition(MediaStages.DECODE, MediaStages.DECODE, Map.of(MediaStages.DECODE_INPUT,
                        MediaStages.CHANNEL_PREFIX + outputChannel, "format", "I420")),
                new NodeDefinition("sink", "null", Map.of())), List.of(new EdgeDefinition(MediaStages.DECODE, "sink", null)),
                QueuePolicy.LATEST, null), "demo-monitor", Map.of());
        Map<Long, Long> inputStarted = new ConcurrentHashMap<>();
        AtomicLong lastLatencyMillis = new AtomicLong(-1);
        AtomicLong segmentsIn = new AtomicLong();
        AtomicLong segmentsOut = new AtomicLong();
        try (GatewayClient client = new GatewayClient(gatewayUri);
             OutputStream video = Files.newOutputStream(videoFile)) {
            StreamInfo stream = client.start("faces", Map.of());
            System.out.println("stream " + stream.id() + " started on " + name.apply(stream.orchestrator()));
            long streamStart = System.nanoTime();
            Thread publisher = Thread.ofVirtual().name("demo-publish").start(() -> {
                long next = 0;
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        SegmentChannel.Segment s = input.await(next, 500, TimeUnit.MILLISECONDS);
                        if (s == null) {
                            continue;
                        }
                        // The gateway numbers segments without gaps: a camera segment skipped because the
                        // publisher fell behind the channel's window is not a gap in the stream.
                        long seq = segmentsIn.get();
                        next = s.sequence() + 1;
                        inputStarted.put(seq, System.nanoTime());
                        try (InputStream in = s.bytes()) {
                            client.publish(stream, seq, in);
                        }
                        segmentsIn.incrementAndGet();
                    }
                } catch (IOException e) {
                    System.out.println("publisher stopped: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread reader = Thread.ofVirtual().name("demo-read").start(() -> {
                long next = 0;
                int failures = 0;
                try {
                    while (!Thread.currentThread().isInterrupted() && failures < 20) {
                        TrickleClient.Segment s;
                        try {
                            s = client.read(stream, next);
                        } catch (IOException e) {
                            failures++; // the gateway is between orchestrators: ask again, bounded
                            Thread.sleep(100);
                            continue;
                        }
                        next = s.sequence() + 1;
                        long arrived = System.nanoTime();
                        Long sent = inputStarted.get(s.sequence());
                        if (sent != null) {
                            lastLatencyMillis.set((arrived - sent) / 1_000_000);
                        }
                        byte[] bytes;
                        try (InputStream in = s.bytes()) {
                            bytes = in.readAllBytes();
                        } catch (IOException e) {
                            continue; // a segment cut by the failover: the next one starts on a key frame
                        }
                        failures = 0;
                        try (SegmentWriter w = output.publish()) {
                            w.write(bytes);
                        }
                        synchronized (video) {
                            video.write(bytes);
                        }
                        segmentsOut.incrementAndGet();
                    }
                } catch (IOException e) {
                    System.out.println("reader stopped: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            boolean killed = false;
            long end = streamStart + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                Thread.sleep(2000);
                double t = (System.nanoTime() - streamStart) / 1e9;
                Map<?, ?> st = client.status(stream.id());
                if (!killed && t >= killAt) {
                    String serving = String.valueOf(st.get("orchestrator"));
                    Process p = processes.get(serving);
                    if (p != null) {
                        say.accept("Killing " + name.apply(serving) + " (SIGKILL to its process " + p.pid() + ")");
                        p.destroyForcibly();
                    }
                    killed = true;
                }
                try {
                    liveLine(t, st, lastLatencyMillis.get(), segmentsIn.get(), segmentsOut.get());
                } catch (ChainException | IllegalStateException e) {
                    System.out.println("t=" + Math.round(t) + "s  (chain read skipped: " + e.getMessage() + ")");
                }
            }
            Map<?, ?> last = client.status(stream.id());
            client.stop(stream.id());
            publisher.interrupt();
            reader.interrupt();
            System.out.println("stream ended: swaps " + last.get("swaps") + ", last gap " + last.get("lastGapMillis")
                    + " ms, failures " + last.get("failures"));
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

    private void liveLine(double t, Map<?, ?> st, long latency, long in, long out) throws ChainException {
        double fps = monitor.status().stages().stream().filter(s -> s.node().equals(MediaStages.DECODE))
                .mapToDouble(StageStatus::fps).findFirst().orElse(0);
        Map<String, RedeemedTickets> won = DemoChain.redeemed(tickets, orchestrators);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "t=%4.0fs  %-2s  fps %4.1f  latency %s  segs %d/%d  swaps %s gap %s ms  payments %s (%s ETH)  won %d",
                t, name.apply(String.valueOf(st.get("orchestrator"))), fps, latency < 0 ? "  -  " : latency + " ms",
                in, out, st.get("swaps"), st.get("lastGapMillis"), st.get("payments"),
                Units.formatTokens(new BigInteger(String.valueOf(st.get("paidWei"))), 4),
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

    @Override
    public void close() {
        if (camera != null) {
            camera.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }
}
