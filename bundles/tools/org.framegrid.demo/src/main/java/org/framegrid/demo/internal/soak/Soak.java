package org.framegrid.demo.internal.soak;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.framegrid.chain.api.Units;
import org.framegrid.demo.internal.DemoChain;
import org.framegrid.demo.internal.DriverNode;
import org.framegrid.demo.internal.Latencies;
import org.framegrid.demo.internal.NodeProcesses;
import org.framegrid.demo.internal.RoleFiles;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.trickle.tls.NodeTrust;

/**
 * The soak and chaos run: the devchain in this node, two orchestrators and a gateway as their own processes (their
 * RPC through {@link RpcCut}), {@code streams} live streams of the {@code soak} pipeline (decode, the sample
 * {@code stamp} stage, encode) for {@code minutes}, while the stage's bundle is replaced on both orchestrators every
 * 10 s ({@link StageSwaps}), an orchestrator is killed (SIGKILL) and started again every 2 minutes (from minute 1,
 * alternating) and the RPC is cut once for 30 s. Then {@link SoakReport} checks frames, failovers, resources and money.
 */
final class Soak implements AutoCloseable {
    static final String PIPELINE = "soak";
    private static final String PIPELINE_FILE = String.join("\n",
            "# Written by ./framegrid soak: a live stream through the sample stamp stage, whose bundle the soak replaces",
            "# every 10 s.",
            "name: soak",
            "stages:",
            "  - type: decode",
            "    properties: {input: \"\", format: I420, live-edge: true}",
            "  - type: stamp",
            "  - type: encode",
            "    properties: {output: \"\", fps: 30}", "");
    private static final BigInteger PRICE_PER_SECOND = new BigInteger("50000000000000"); // 0.00005 ETH
    private static final BigInteger TICKET_EV = new BigInteger("10000000000000"); // 5 tickets a second a stream
    private static final long WIN_ONE_IN = 1000;
    private static final long REDEEM_GAS = 350_000;
    private static final int SWAP_SECONDS = 10;
    /** No swap in the streams' last seconds: the last release has this long to reach every stream. */
    private static final int SWAP_QUIET_SECONDS = 20;
    /** At the end, how long the soak waits at most for every stream to run the last release. */
    private static final long SWAP_AWAIT_MILLIS = 20_000;
    private static final int KILL_SECONDS = 120;
    private static final int CUT_SECONDS = 30;
    static final String[] ORCHESTRATORS = {"soak-o1", "soak-o2"};

    private final SoakSettings settings;
    private final DriverNode node;
    private final long started = System.nanoTime();
    private final List<SoakStream> streams = new ArrayList<>();
    private final ResourceLog resources = new ResourceLog();
    private final List<String> events = new ArrayList<>();
    private final String[] roleFiles = new String[ORCHESTRATORS.length];
    private final String[] addresses = new String[ORCHESTRATORS.length];
    private final int[] starts = new int[ORCHESTRATORS.length];
    private final Process[] processes = new Process[ORCHESTRATORS.length];
    private Process gatewayProcess;
    /** Takes the nodes' class histograms once a minute, beside the chaos loop (jcmd takes a second or two). */
    private final java.util.concurrent.ExecutorService histograms = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> Thread.ofPlatform().name("soak-histograms").daemon().unstarted(r));
    private DemoChain chain;
    private NodeProcesses nodes;
    private RpcCut rpc;
    private GatewayClient client;

    Soak(SoakSettings settings, DriverNode node) {
        this.settings = settings;
        this.node = node;
    }

    private void say(String text) {
        String line = String.format(Locale.ROOT, "[%6.1f s] %s", (System.nanoTime() - started) / 1e9, text);
        System.out.println(line);
    }

    private void event(long second, String text) {
        events.add(String.format(Locale.ROOT, "  %4d s  %s", second, text));
        say(text);
    }

    int run() throws Exception {
        Files.createDirectories(settings.work());
        say("devchain, two orchestrators and a gateway (their RPC through a relay the soak can cut)");
        chain = new DemoChain(node, 500, settings.work().resolve("keys"));
        rpc = new RpcCut(URI.create(chain.chain.rpcUrl()));
        int[] ports = NodeProcesses.freePorts(ORCHESTRATORS.length + 1);
        String gateway = chain.gateway();
        TicketChain tickets = chain.gatewayTickets();
        tickets.fund(gateway, Units.parseTokens("1"), Units.parseTokens("1"));
        RoleFiles.Terms terms = RoleFiles.Terms.winningOneIn(WIN_ONE_IN, PRICE_PER_SECOND, TICKET_EV, REDEEM_GAS,
                tickets.gasPrice());
        RoleFiles.ChainEndpoint endpoint = new RoleFiles.ChainEndpoint(rpc.url(), chain.chain.controllerAddress());
        NodeTrust trust = chain.trust(); // the orchestrators serve certificates bound to their addresses
        for (int i = 0; i < ORCHESTRATORS.length; i++) {
            trust.expect(URI.create("https://127.0.0.1:" + ports[i]), chain.orchestrator(i));
        }
        nodes = new NodeProcesses(settings.script(), settings.work(), trust.context());
        List<Path> deploys = new ArrayList<>();
        List<Integer> orchestratorPorts = new ArrayList<>();
        for (int i = 0; i < ORCHESTRATORS.length; i++) {
            addresses[i] = chain.orchestrator(i);
            chain.register(addresses[i], "1000", "10", "50", "https://127.0.0.1:" + ports[i]);
            Path home = settings.nodeHome("orchestrator", "demo-" + ORCHESTRATORS[i]);
            deleteTree(home.resolve("data")); // winning tickets of an earlier soak's devchain
            Files.createDirectories(home.resolve("pipelines"));
            Files.writeString(home.resolve("pipelines").resolve(PIPELINE + ".yaml"), PIPELINE_FILE);
            deploys.add(home.resolve("deploy"));
            orchestratorPorts.add(ports[i]);
            roleFiles[i] = RoleFiles.with(RoleFiles.orchestrator(ORCHESTRATORS[i], addresses[i], ports[i],
                    List.of(PIPELINE), endpoint, chain.keystore(ORCHESTRATORS[i], addresses[i]), chain.passwordFile(),
                    chain.privateKey(ORCHESTRATORS[i], addresses[i]), terms), "orchestrator.capacity",
                    settings.streams() + 4);
        }
        StageSwaps swaps = new StageSwaps(settings.script().getParent().resolve("distribution/target/framegrid/samples"),
                deploys);
        swaps.install();
        for (int i = 0; i < ORCHESTRATORS.length; i++) {
            processes[i] = nodes.start("orchestrator", ORCHESTRATORS[i], roleFiles[i]);
        }
        gatewayProcess = nodes.start("gateway", "soak-gateway", RoleFiles.gateway("soak-gateway", gateway, ports[ORCHESTRATORS.length],
                orchestratorPorts, endpoint, chain.privateKey("soak-gateway", gateway), terms));
        URI gatewayUri = URI.create("http://127.0.0.1:" + ports[ORCHESTRATORS.length]);
        for (int i = 0; i < ORCHESTRATORS.length; i++) {
            nodes.awaitHttp(URI.create("https://127.0.0.1:" + ports[i] + "/v1/info?sender=" + gateway), 200,
                    "orchestrator " + ORCHESTRATORS[i], 300);
        }
        nodes.awaitHttp(gatewayUri.resolve("/v1/streams/ready-check"), 404, "gateway", 180);
        chain.devchain.advanceRounds(1); // the orchestrators' stake is active: their winning tickets redeem
        SenderState before = tickets.sender(gateway, addresses[0]);

        say(settings.streams() + " live streams of pipelines/" + PIPELINE + ".yaml for " + settings.minutes()
                + " min: stage swap every " + SWAP_SECONDS + " s, a kill every " + KILL_SECONDS + " s, one "
                + CUT_SECONDS + " s RPC cut");
        client = new GatewayClient(gatewayUri);
        for (int i = 0; i < settings.streams(); i++) {
            SoakStream s = new SoakStream(i, client, node.channels());
            s.start(node.pipelines(), PIPELINE, 320, 180);
            streams.add(s);
        }
        SwapReach reach = new SwapReach(List.of(settings.nodeHome("orchestrator", "demo-" + ORCHESTRATORS[0]),
                settings.nodeHome("orchestrator", "demo-" + ORCHESTRATORS[1])), NodeMetrics::scrape);
        chaos(swaps, reach);
        histograms.shutdown();
        histograms.awaitTermination(60, TimeUnit.SECONDS);
        List<String> stale = reach.awaitAll(swaps.version(), SWAP_AWAIT_MILLIS);
        reach.stop();
        List<String> stampProviders = reach.providers();

        say("cameras stopped; the last frames on their way");
        streams.forEach(SoakStream::stopCamera);
        Thread.sleep(5000);
        List<SoakStream.Frames> frames = streams.stream().map(SoakStream::frames).toList();
        streams.forEach(SoakStream::stop);

        say("waiting for the orchestrators to redeem every winning ticket they hold (bounded: 120 s)");
        long pending = drain();
        SenderState after = tickets.sender(gateway, addresses[0]);
        BigInteger fees = BigInteger.ZERO;
        for (String o : addresses) {
            fees = fees.add(tickets.redeemed(o).paid());
        }
        BigInteger spent = before.deposit().add(before.reserve()).subtract(after.deposit()).subtract(after.reserve());
        SoakReport report = new SoakReport(settings.minutes());
        report.frames(frames, resources.drops(), resources.failoverLosses(), swaps.swaps());
        report.failovers(streams);
        report.line("counted by family: " + resources.dropsByFamily() + ", gateway failover losses "
                + resources.failoverLosses());
        report.line("the soak's own links (this node) passed over "
                + streams.stream().mapToLong(s -> s.linkSkipped()[0]).sum() + " input segments and " + streams.stream().mapToLong(s -> s.linkSkipped()[1]).sum()
                + " output segments (gone before they were read: this node fell behind)");
        report.swaps(swaps.version(), stampProviders, stale, reach);
        report.latency(streams);
        report.resources(resources, settings.work().resolve("histograms"));
        report.money(spent, fees, pending, tickets.redeemed(addresses[0]).tickets()
                + tickets.redeemed(addresses[1]).tickets());
        report.events(events);
        return report.print() ? 0 : 1;
    }

    /** The streams' minutes: swaps, kills and restarts, the RPC cut, status polls and resource scrapes. */
    private void chaos(StageSwaps swaps, SwapReach reach) throws Exception {
        long total = settings.minutes() * 60L;
        long cutAt = total >= 300 ? 240 : Math.max(20, total * 2 / 5);
        long streamStart = System.nanoTime();
        int kill = 0;
        for (long second = 1; second <= total; second++) {
            long wake = streamStart + TimeUnit.SECONDS.toNanos(second);
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(wake - System.nanoTime())));
            int minute = (int) ((second - 1) / 60);
            if (second % SWAP_SECONDS == 0 && second <= total - SWAP_QUIET_SECONDS) {
                String version = swaps.swap();
                reach.swapped(version);
                if (second % 60 == 0) {
                    say("stage bundle swapped " + swaps.swaps() + " times (now " + version + ")");
                }
            }
            if (second % KILL_SECONDS == 60 && second < total - 20) {
                int i = kill++ % ORCHESTRATORS.length;
                long at = Latencies.nowMicros();
                processes[i].destroyForcibly();
                streams.forEach(s -> s.killed(addresses[i], at));
                processes[i].waitFor(10, TimeUnit.SECONDS);
                starts[i]++;
                processes[i] = nodes.start("orchestrator", ORCHESTRATORS[i], roleFiles[i]);
                event(second, "killed " + ORCHESTRATORS[i] + " (SIGKILL), started again (pid " + processes[i].pid()
                        + ")");
            }
            if (second == cutAt) {
                rpc.cut();
                event(second, "RPC cut for " + CUT_SECONDS + " s");
            } else if (second == cutAt + CUT_SECONDS) {
                rpc.restore();
                event(second, "RPC restored");
            }
            if (second % 2 == 0) {
                streams.forEach(SoakStream::poll);
            }
            if (second % 5 == 0) {
                scrape(minute);
            } else {
                // A session's drop counters go with it: the orchestrators are read every second so that an ended
                // session's last counts are at most a second old.
                for (int i = 0; i < ORCHESTRATORS.length; i++) {
                    sample(new ResourceLog.Incarnation(ORCHESTRATORS[i], starts[i]), "orchestrator",
                            ORCHESTRATORS[i], minute);
                }
            }
            if (second % 60 == 50) {
                histograms(minute);
            }
            if (second % 30 == 0) {
                progress(second);
            }
        }
    }

    private void scrape(int minute) {
        for (int i = 0; i < ORCHESTRATORS.length; i++) {
            sample(new ResourceLog.Incarnation(ORCHESTRATORS[i], starts[i]), "orchestrator", ORCHESTRATORS[i],
                    minute);
        }
        sample(new ResourceLog.Incarnation("soak-gateway", 0), "gateway", "soak-gateway", minute);
    }

    /**
     * Each node's class histogram (a full collection first: its total is the live heap), then its /metrics (its heap
     * after GC is that live heap now); the histograms are kept in the work folder too.
     */
    private void histograms(int minute) {
        List<Object[]> now = new ArrayList<>();
        for (int i = 0; i < ORCHESTRATORS.length; i++) {
            now.add(new Object[] {new ResourceLog.Incarnation(ORCHESTRATORS[i], starts[i]), processes[i], "orchestrator",
                    ORCHESTRATORS[i]});
        }
        now.add(new Object[] {new ResourceLog.Incarnation("soak-gateway", 0), gatewayProcess, "gateway",
                "soak-gateway"});
        histograms.submit(() -> {
            for (Object[] n : now) {
                ResourceLog.Incarnation node = (ResourceLog.Incarnation) n[0];
                ClassHistogram h = ((Process) n[1]).isAlive() ? ClassHistogram.take(((Process) n[1]).pid()) : null;
                if (h != null) {
                    resources.histogram(node, minute, h);
                    sample(node, (String) n[2], (String) n[3], minute);
                    try {
                        Path dir = Files.createDirectories(settings.work().resolve("histograms"));
                        Files.writeString(dir.resolve(node.label().replace(' ', '-').replaceAll("[()]", "")
                                + "-minute-" + (minute + 1) + ".txt"), h.text());
                    } catch (IOException e) {
                        say("could not keep the histogram: " + e.getMessage());
                    }
                }
            }
            return null;
        });
    }

    private Map<String, Double> sample(ResourceLog.Incarnation node, String role, String name, int minute) {
        Map<String, Double> values = NodeMetrics.scrape(settings.nodeHome(role, "demo-" + name));
        if (values != null) {
            resources.sample(node, minute, values);
        }
        return values;
    }

    private void progress(long second) {
        StringBuilder line = new StringBuilder("t=" + second + "s ");
        for (SoakStream s : streams) {
            SoakStream.Frames f = s.frames();
            line.append(String.format(Locale.ROOT, " %s:%s %d/%d", s.id().length() > 6 ? s.id().substring(0, 6)
                    : s.id(), label(s.orchestrator()), f.delivered(), f.sent()));
        }
        say(line.toString());
    }

    private String label(String address) {
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i].equalsIgnoreCase(address)) {
                return "o" + (i + 1);
            }
        }
        return "-";
    }

    /** Waits until both orchestrators report no winning ticket pending; @return how many are still pending */
    private long drain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long pending = -1;
        while (System.nanoTime() < deadline) {
            pending = 0;
            for (int i = 0; i < ORCHESTRATORS.length; i++) {
                Map<String, Double> m = NodeMetrics.scrape(settings.nodeHome("orchestrator", "demo-"
                        + ORCHESTRATORS[i]));
                pending += m == null ? 1 : Math.round(m.getOrDefault(NodeMetrics.PENDING, 0.0)); // down: unknown
            }
            if (pending == 0) {
                return 0;
            }
            Thread.sleep(1000);
        }
        return pending;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() {
        histograms.shutdownNow();
        streams.forEach(SoakStream::close);
        try (DemoChain c = chain; RpcCut r = rpc; NodeProcesses n = nodes; GatewayClient g = client) {
            // the client first, then the nodes, the RPC relay and the devchain
        }
    }
}
