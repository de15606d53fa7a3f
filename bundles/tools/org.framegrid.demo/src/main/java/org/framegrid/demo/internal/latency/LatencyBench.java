package org.framegrid.demo.internal.latency;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.demo.internal.DriverNode;
import org.framegrid.demo.internal.Latencies;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;

/**
 * {@code bench latency}: per-frame glass-to-glass latency of each configuration, first in this process (the
 * baseline: the app's source, the pipeline's stages, encode, decode, no network), then through the network (app →
 * gateway → orchestrator → gateway → app, paying with tickets), one after the other in one run, and what the network
 * adds. Frames are timed by the code their source draws into their pixels; an interactive pipeline also times each
 * app event until the first frame that shows it.
 *
 * @param settings what to measure, and for how long
 * @param node     the driver node: the devchain is set up there, and the app's pipelines run there
 */
record LatencyBench(LatencySettings settings, DriverNode node) {

    int run() throws Exception {
        System.out.printf(Locale.ROOT, "bench latency: 127.0.0.1, tickets on (devchain), %d s a path (network: %d s) "
                        + "after %d s of warm-up, %d cores, load average %.1f at the start%n", settings.seconds(),
                settings.minutes() > 0 ? 60 * settings.minutes() : settings.seconds(), settings.warmup(),
                Runtime.getRuntime().availableProcessors(), load());
        System.out.println("starting the devchain, and an orchestrator and its gateway over TLS and another pair over "
                + "plain HTTP (processes of their own)...");
        try (BenchNetwork network = BenchNetwork.start(node, settings.script(), settings.work());
             GatewayClient client = new GatewayClient(network.gateway());
             GatewayClient plain = new GatewayClient(network.plainGateway())) {
            System.out.printf(Locale.ROOT, "%-26s %-13s %6s %5s %8s %8s %8s%n", "configuration", "path", "frames",
                    "lost", "p50 ms", "p95 ms", "p99 ms");
            for (int[] size : settings.sizes()) {
                for (String pipeline : settings.pipelines()) {
                    BenchConfig c = BenchConfig.of(pipeline, size[0], size[1]);
                    try {
                        measure(c, client, plain, network.trust().context());
                    } catch (IOException e) {
                        System.out.printf(Locale.ROOT, "%-26s failed: %s%n", c.label(), e.getMessage());
                    }
                }
            }
            System.out.printf(Locale.ROOT, "load average %.1f at the end%n", load());
        }
        return 0;
    }

    private void measure(BenchConfig c, GatewayClient client, GatewayClient plain, SSLContext tls) throws Exception {
        Measured base;
        try (LatencyRun r = LatencyRun.baseline(node.pipelines(), node.channels(), c)) {
            base = measure(r, settings.seconds());
        }
        Map<String, Object> params = new HashMap<>();
        if (c.interactive()) {
            params.put(AppPipelines.SOURCE + ".width", c.width());
            params.put(AppPipelines.SOURCE + ".height", c.height());
        } else {
            params.put(MediaStages.DECODE + "." + MediaStages.DECODE_LIVE_EDGE, true); // real time, as an app asks
        }
        Measured net = network(c, client, params, tls);
        Measured overHttp = network(c, plain, params, tls);
        String label = c.label();
        row(label, c.interactive() ? "frame, local" : "baseline", base.frames, base.lost);
        row("", c.interactive() ? "frame, network" : "network", net.frames, net.lost);
        added(c.interactive() ? "frame, added" : "added", base.frames, net.frames);
        row("", c.interactive() ? "frame, http" : "network http", overHttp.frames, overHttp.lost);
        added(c.interactive() ? "http, added" : "http added", base.frames, overHttp.frames);
        System.out.printf(Locale.ROOT, "%-26s TLS between the nodes adds %+.1f ms to the network-added p50 (%.1f "
                + "with TLS, %.1f over plain HTTP), load average %.1f%n", "", net.frames.p50() - overHttp.frames.p50(),
                net.frames.p50() - base.frames.p50(), overHttp.frames.p50() - base.frames.p50(), load());
        if (c.interactive()) {
            row("", "event, local", base.events, 0);
            row("", "event, network", net.events, 0);
            added("event, added", base.events, net.events);
        }
        if (net.budget != null) {
            System.out.println(net.budget);
        }
        if (net.minutes.size() > 1) {
            double first = net.minutes.get(0).p50();
            double last = net.minutes.get(net.minutes.size() - 1).p50();
            System.out.printf(Locale.ROOT, "%-26s network p50 minute by minute: %s; last vs first %+.1f %%%n", "",
                    net.minutes.stream().map(m -> String.format(Locale.ROOT, "%.1f", m.p50())).toList(),
                    100 * (last - first) / first);
        }
    }

    /** The network path through {@code client}'s gateway: TLS or plain HTTP to its orchestrator. */
    private Measured network(BenchConfig c, GatewayClient client, Map<String, Object> params, SSLContext tls)
            throws Exception {
        StreamInfo stream = start(client, c.pipeline(), params);
        try (LatencyRun r = LatencyRun.network(node.pipelines(), node.channels(), client, stream, c, tls)) {
            Measured net = measure(r, settings.minutes() > 0 ? 60 * settings.minutes() : settings.seconds());
            client.stop(stream.id()); // before the app's side closes: its last segment is not cut under the stream
            return net;
        }
    }

    /** Starts a stream; a refusal (a node still warming up on a busy host) is said and tried twice more. */
    private static StreamInfo start(GatewayClient client, String pipeline, Map<String, Object> params)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.start(pipeline, params);
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("  stream start refused, trying again in 5 s: " + e.getMessage());
                Thread.sleep(5_000);
            }
        }
    }

    private record Measured(Latencies.Summary frames, Latencies.Summary events, long lost,
                           List<Latencies.Summary> minutes, String budget) {
    }

    /** Lets {@code r} warm up, then measures the frames that arrive in the next {@code seconds}. */
    private Measured measure(LatencyRun r, int seconds) throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(settings.warmup()));
        long from = Latencies.nowMicros();
        int before = r.frames.size();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long to = Latencies.nowMicros();
        Latencies.Summary frames = r.frames.window(from, to);
        long expected = Math.round(seconds * (double) BenchConfig.FPS);
        long lost = Math.max(0, expected - frames.count());
        if (r.frames.size() == before) {
            System.out.println("  no frame arrived in " + seconds + " s");
        }
        List<Latencies.Summary> minutes = new java.util.ArrayList<>();
        for (long m = from; m + 60_000_000L <= to; m += 60_000_000L) {
            minutes.add(r.frames.window(m, m + 60_000_000L));
        }
        return new Measured(frames, r.events.window(from, to), lost, minutes, r.budget(from, to));
    }

    private static void row(String label, String path, Latencies.Summary s, long lost) {
        System.out.printf(Locale.ROOT, "%-26s %-13s %6d %5d %8.1f %8.1f %8.1f%n", label, path, s.count(), lost,
                s.p50(), s.p95(), s.p99());
    }

    private static void added(String path, Latencies.Summary base, Latencies.Summary net) {
        System.out.printf(Locale.ROOT, "%-26s %-13s %6s %5s %+8.1f %+8.1f %+8.1f%n", "", path, "", "",
                net.p50() - base.p50(), net.p95() - base.p95(), net.p99() - base.p99());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
