package org.framegrid.demo.internal.soak;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.demo.internal.Latencies;
import org.framegrid.demo.internal.StreamLink;
import org.framegrid.demo.internal.latency.AppPipelines;
import org.framegrid.demo.internal.latency.BenchConfig;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.trickle.channel.SegmentChannels;

/**
 * One of the soak's live streams: a camera in this node (the scene source, its frame code drawn into every frame,
 * encoded into a local channel), published through the gateway, the output decoded here and each frame's code read
 * back. Every frame that reached the camera's encoder is "sent" (its number and capture time kept), every code read
 * back is "delivered" (with its arrival time); the gateway's status is polled for failovers and their gaps.
 */
final class SoakStream implements AutoCloseable {
    /** Frames sent within this much of the camera's stop are not counted: they may still be on their way. */
    private static final long TAIL_MICROS = 2_000_000;
    /** A failover loses what was sent from this long before the kill (segments in flight to the killed node). */
    private static final long BEFORE_KILL_MICROS = 3_000_000;
    /** A failover's window ends this long after the kill at the latest: what is lost later, the failover did not explain. */
    private static final long FAILOVER_MAX_MICROS = 30_000_000;

    private final int index;
    private final GatewayClient client;
    private final SegmentChannels channels;
    private final Map<Long, Long> sent = new ConcurrentHashMap<>();
    private final Map<Long, Long> arrived = new ConcurrentHashMap<>();
    private final List<Long> kills = new ArrayList<>();
    private final List<Long> gaps = new ArrayList<>();
    final Latencies latencies = new Latencies();
    private StreamHandle camera;
    private StreamHandle receiver;
    private StreamLink link;
    private StreamInfo info;
    private volatile String orchestrator = "";
    private volatile List<?> failures = List.of();
    private long cameraStopped = Long.MAX_VALUE;
    private long receiverDrops;
    /** Frames that reached the receiver's sink with no code read from them: delivered, not identified. */
    private final java.util.concurrent.atomic.AtomicLong unreadable = new java.util.concurrent.atomic.AtomicLong();
    private int swaps;

    SoakStream(int index, GatewayClient client, SegmentChannels channels) {
        this.index = index;
        this.client = client;
        this.channels = channels;
    }

    /** Starts the receiver, the camera and the gateway stream of {@code pipeline}. */
    void start(PipelineService pipelines, String pipeline, int width, int height)
            throws PipelineDefinitionException, IOException, InterruptedException {
        String in = "soak-in-" + index;
        String out = "soak-out-" + index;
        receiver = pipelines.start(AppPipelines.receiver(out), out, Map.of());
        receiver.tap(AppPipelines.SINK, (s, n, frame) -> {
            FrameCode code = frame.meta(FrameMeta.FRAME_CODE);
            if (code != null) {
                arrived.putIfAbsent(code.frame(), Latencies.nowMicros());
                latencies.frame(code);
            } else {
                unreadable.incrementAndGet();
            }
        });
        camera = pipelines.start(AppPipelines.source(new BenchConfig(width, height, pipeline, List.of(), false),
                List.of(), in), in, Map.of());
        camera.tap(MediaStages.ENCODE, (s, n, frame) -> {
            FrameCode code = frame.meta(FrameMeta.FRAME_CODE);
            if (code != null) {
                sent.putIfAbsent(code.frame(), code.captureMicros());
            }
        });
        info = startStream(pipeline);
        orchestrator = info.orchestrator();
        link = new StreamLink(client, info).start(channels.open(in), channels.open(out), null);
    }

    /** Starts the gateway stream, asking again for up to a minute while no orchestrator takes it (nodes warming up). */
    private StreamInfo startStream(String pipeline) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                return client.start(pipeline, Map.of(MediaStages.DECODE + "." + MediaStages.DECODE_LIVE_EDGE, true));
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                System.out.println("stream " + (index + 1) + " not started yet (" + e.getMessage() + "); again in 2 s");
                Thread.sleep(2000);
            }
        }
    }

    /** Reads the gateway's status: the serving orchestrator, and the gap of each failover since the last poll. */
    void poll() {
        try {
            Map<?, ?> st = client.status(info.id());
            orchestrator = String.valueOf(st.get("orchestrator"));
            if (st.get("failures") instanceof List<?> f) {
                failures = f;
            }
            int now = ((Number) st.get("swaps")).intValue();
            long gap = ((Number) st.get("lastGapMillis")).longValue();
            synchronized (gaps) {
                if (now > swaps) {
                    gaps.add(gap);
                    swaps = now;
                } else if (!gaps.isEmpty() && gaps.getLast() < 0) {
                    gaps.set(gaps.size() - 1, gap); // the output resumed after the poll that saw the failover
                }
            }
        } catch (IOException e) {
            // the gateway is busy or between attempts: the next poll asks again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The orchestrator {@code address} was killed now: if it served this stream, what follows is a failover. */
    void killed(String address, long atMicros) {
        if (address.equalsIgnoreCase(orchestrator)) {
            synchronized (kills) {
                kills.add(atMicros);
            }
        }
    }

    /** Stops the camera (the stream's input ends; what was sent may still arrive). */
    void stopCamera() {
        cameraStopped = Latencies.nowMicros();
        camera.close();
    }

    /** Stops the gateway stream and the receiver; @return the receiver's counted drops */
    void stop() {
        receiverDrops = receiver.status().stages().stream().mapToLong(StageStatus::drops).sum();
        link.close();
        try {
            client.stop(info.id());
        } catch (IOException e) {
            // the gateway ends it when it goes idle anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        receiver.close();
        channels.remove("soak-in-" + index);
        channels.remove("soak-out-" + index);
    }

    /** @return segments the app's link passed over (gone before it read them): of the input, of the output */
    long[] linkSkipped() {
        return link == null ? new long[2] : link.segmentsSkipped();
    }

    /** What became of the frames sent: delivered, lost in a failover's window, or missing otherwise. */
    Frames frames() {
        long sentCount = 0;
        long delivered = 0;
        long inFailover = 0;
        List<long[]> windows = new ArrayList<>();
        synchronized (kills) {
            for (long k : kills) {
                long end = sent.entrySet().stream().filter(e -> e.getValue() >= k && arrived.containsKey(e.getKey()))
                        .mapToLong(e -> arrived.get(e.getKey())).min().orElse(Long.MAX_VALUE);
                end = Math.min(end, k + FAILOVER_MAX_MICROS);
                windows.add(new long[] {k - BEFORE_KILL_MICROS, end});
            }
        }
        for (Map.Entry<Long, Long> e : sent.entrySet()) {
            long capture = e.getValue();
            if (capture > cameraStopped - TAIL_MICROS) {
                continue;
            }
            sentCount++;
            if (arrived.containsKey(e.getKey())) {
                delivered++;
            } else if (windows.stream().anyMatch(w -> capture >= w[0] && capture <= w[1])) {
                inFailover++;
            }
        }
        return new Frames(sentCount, delivered, inFailover, sentCount - delivered - inFailover, receiverDrops,
                kills.size(), unreadable.get());
    }

    /** @return the gateway's gap of each failover seen, in milliseconds */
    List<Long> gaps() {
        synchronized (gaps) {
            return List.copyOf(gaps);
        }
    }

    /** @return the newest of the failures the gateway reported for the stream (its last poll) */
    List<String> failures(int newest) {
        List<?> f = failures;
        return f.subList(Math.max(0, f.size() - newest), f.size()).stream().map(String::valueOf).toList();
    }

    String id() {
        return info == null ? "-" : info.id();
    }

    String orchestrator() {
        return orchestrator;
    }

    /**
     * @param sent frames that reached the camera's encoder (the tail excluded)
     * @param delivered of those, frames whose code was read back here
     * @param inFailover frames missing that were sent within a failover's window (from 3 s before the kill of the
     *     serving orchestrator until the first frame sent after it arrived, 30 s after the kill at the latest)
     * @param otherMissing frames missing outside any failover window
     * @param receiverDrops frames this node's receiver counted as dropped
     * @param failovers kills of this stream's orchestrator
     * @param unreadable frames that arrived with no code read from them (delivered, which ones unknown)
     */
    record Frames(long sent, long delivered, long inFailover, long otherMissing, long receiverDrops, int failovers,
                  long unreadable) {
    }

    @Override
    public void close() {
        try (StreamHandle r = receiver; StreamHandle c = camera; StreamLink l = link) {
            // the link first, then the camera and the receiver
        }
    }
}
