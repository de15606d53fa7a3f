package org.framegrid.demo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.ChainService;
import org.framegrid.chain.api.DevchainService;
import org.framegrid.chain.api.NetworkStats;
import org.framegrid.chain.api.OrchestratorInfo;
import org.framegrid.chain.api.StakingService;
import org.framegrid.chain.api.Units;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.trickle.client.TrickleClient;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The network demo, step by step: a devchain in this JVM (short rounds), three orchestrators registered with
 * different stakes, reward cuts and fee shares, a delegator bonded to each, the gateway's ticket deposit funded; then
 * the orchestrators and the gateway start as their own processes ({@code ./framegrid run --role ... --config ...}); a
 * generated clip is streamed live through {@code pipelines/faces.yaml} via the gateway client while a console line
 * per two seconds shows the stream and the orchestrators; midway the serving orchestrator is killed; rounds advance,
 * the nodes call {@code reward()}, and the final table puts each account's reward and fees next to {@link Prediction}.
 */
final class Demo implements AutoCloseable {
    private static final String CHAIN_PID = "org.framegrid.chain";
    private static final BigInteger PRICE_PER_SECOND = new BigInteger("500000000000000"); // 0.0005 ETH
    private static final BigInteger TICKET_EV = new BigInteger("100000000000000"); // 0.0001 ETH: 5 tickets a second
    private static final long REDEEM_GAS = 350_000;
    private static final String[] NAMES = {"o1", "o2", "o3"};
    private static final String[] STAKE = {"3000", "2000", "1000"};
    private static final String[] REWARD_CUT = {"10", "25", "50"};
    private static final String[] FEE_SHARE = {"50", "25", "75"};
    private static final String[] DELEGATION = {"1000", "1500", "500"};
    private static final int FIRST_ORCHESTRATOR = 1;
    private static final int FIRST_DELEGATOR = 4;
    private static final int GATEWAY = 7;

    private final DemoSettings settings;
    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private final PipelineService pipelines;
    private final SegmentChannels channels;
    private final long started = System.nanoTime();
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> orchestratorProcess = new LinkedHashMap<>();
    private final Map<String, String> label = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Configuration chainConfiguration;
    private StreamHandle camera;
    private StreamHandle monitor;

    Demo(DemoSettings settings, BundleContext context, ConfigurationAdmin configurations, PipelineService pipelines,
         SegmentChannels channels) {
        this.settings = settings;
        this.context = context;
        this.configurations = configurations;
        this.pipelines = pipelines;
        this.channels = channels;
    }

    private void say(String text) {
        System.out.printf(Locale.ROOT, "%n\033[1m[%5.1f s] %s\033[0m%n", (System.nanoTime() - started) / 1e9, text);
    }

    int run() throws Exception {
        Files.createDirectories(settings.work());
        Files.createDirectories(settings.out());
        say("Devchain: anvil with the protocol deployed, rounds of " + settings.roundLength() + " blocks (the spec's"
                + " 5,760 would take hours to mine; a short round keeps the demo's redemptions within one round)");
        chainConfiguration = configurations.getConfiguration(CHAIN_PID, "?");
        Dictionary<String, Object> chainProps = new Hashtable<>();
        chainProps.put("devchain.round.length", settings.roundLength());
        chainProps.put("rounds.reward", false); // account 0 is the deployer, not an orchestrator
        chainConfiguration.update(chainProps);
        ChainService chain = await(ChainService.class, 90);
        StakingService staking = await(StakingService.class, 30);
        DevchainService devchain = await(DevchainService.class, 30);
        List<String> accounts = devchain.accounts();
        Rpc rpc = new Rpc(chain.rpcUrl());
        System.out.println("devchain at " + chain.rpcUrl() + ", Controller " + chain.controllerAddress() + ", round "
                + chain.round().round());

        say("Registering three orchestrators and bonding a delegator to each (transactions from the dev accounts)");
        int[] ports = freePorts(NAMES.length + 1);
        List<String> orchestrators = new ArrayList<>();
        List<String> delegators = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            String o = accounts.get(FIRST_ORCHESTRATOR + i);
            orchestrators.add(o);
            label.put(o, NAMES[i]);
            chainTool("register", "--reward-cut", REWARD_CUT[i], "--fee-share", FEE_SHARE[i], "--stake", STAKE[i],
                    "--service-uri", "http://127.0.0.1:" + ports[i], "--account", String.valueOf(FIRST_ORCHESTRATOR + i));
        }
        for (int i = 0; i < NAMES.length; i++) {
            String d = accounts.get(FIRST_DELEGATOR + i);
            delegators.add(d);
            label.put(d, "d" + (i + 1) + "→" + NAMES[i]);
            chainTool("bond", DELEGATION[i], "--to", orchestrators.get(i), "--account",
                    String.valueOf(FIRST_DELEGATOR + i));
        }
        String gateway = accounts.get(GATEWAY);
        label.put(gateway, "gateway");
        String broker = rpc.contract(chain.controllerAddress(), "TicketBroker");
        BigInteger deposit = Units.parseTokens("1");
        BigInteger reserve = Units.parseTokens("1");
        rpc.send(gateway, broker, "0x" + DevKeys.selector("fundDepositAndReserve(uint256,uint256)")
                + Rpc.word(deposit) + Rpc.word(reserve), deposit.add(reserve));
        System.out.println("gateway " + gateway + ": ticket deposit 1 ETH and reserve 1 ETH funded on the TicketBroker");

        // Face value = 10 × EV (about one ticket in ten wins) so that a one-minute stream shows redemptions; a real
        // orchestrator uses 100 × the redemption's gas cost and a far smaller EV.
        BigInteger gasPrice = Rpc.uint(rpc.call("eth_gasPrice"));
        long multiplier = Math.max(1, TICKET_EV.multiply(BigInteger.TEN)
                .divide(gasPrice.multiply(BigInteger.valueOf(REDEEM_GAS)).max(BigInteger.ONE)).longValueExact());

        say("Starting the nodes as their own processes: ./framegrid run --role orchestrator|gateway --config FILE");
        for (int i = 0; i < NAMES.length; i++) {
            String o = orchestrators.get(i);
            String key = DevKeys.key(FIRST_ORCHESTRATOR + i, accounts);
            Path keys = settings.work().resolve("keys");
            Path hex = DevKeys.writeHex(keys.resolve(NAMES[i] + ".key"), key);
            Path password = keys.resolve("password.txt");
            Files.writeString(password, "demo\n");
            Path keystore = DevKeys.writeKeystore(keys.resolve(NAMES[i] + ".json"), key, "demo");
            Path role = settings.work().resolve("demo-" + NAMES[i] + ".properties");
            Files.writeString(role, String.join("\n",
                    "# An orchestrator of the demo (written by the demo; run it with ./framegrid run --role orchestrator --config THIS)",
                    "name = demo-" + NAMES[i],
                    "models = model-blazeface-front",
                    "orchestrator.address = " + o,
                    "orchestrator.port = " + ports[i],
                    "orchestrator.pipelines = [faces]",
                    "orchestrator.capacity = 2",
                    "orchestrator.price.per.second.wei = " + PRICE_PER_SECOND,
                    "chain.rpc.url = " + chain.rpcUrl(),
                    "chain.controller.address = " + chain.controllerAddress(),
                    "chain.keystore.file = " + keystore,
                    "chain.password.file = " + password,
                    "chain.rounds.poll.millis = 250",
                    "tickets.receiver.recipient.address = " + o,
                    "tickets.receiver.store.file = data/payment/winning-tickets.mv",
                    "tickets.receiver.ticket.ev = " + TICKET_EV,
                    "tickets.receiver.face.value.multiplier = " + multiplier,
                    "tickets.receiver.redeem.gas = " + REDEEM_GAS,
                    "tickets.receiver.params.validity.blocks = 100000",
                    "tickets.chain.key.file = " + hex, ""));
            orchestratorProcess.put(o, start("orchestrator", NAMES[i], role));
        }
        String gatewayKey = DevKeys.key(GATEWAY, accounts);
        Path gatewayHex = DevKeys.writeHex(settings.work().resolve("keys/gateway.key"), gatewayKey);
        Path gatewayRole = settings.work().resolve("demo-gateway.properties");
        StringBuilder uris = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            uris.append(i == 0 ? "" : ", ").append("http://127.0.0.1:").append(ports[i]);
        }
        Files.writeString(gatewayRole, String.join("\n",
                "# The demo's gateway (written by the demo; run it with ./framegrid run --role gateway --config THIS)",
                "name = demo-gateway",
                "gateway.address = " + gateway,
                "gateway.port = " + ports[NAMES.length],
                "gateway.orchestrators = [" + uris + "]",
                "gateway.max.price.per.second.wei = " + PRICE_PER_SECOND.multiply(BigInteger.TWO),
                "gateway.payment.interval.millis = 2000",
                "chain.rpc.url = " + chain.rpcUrl(),
                "chain.controller.address = " + chain.controllerAddress(),
                "tickets.sender.key.file = " + gatewayHex,
                "tickets.chain.key.file = " + gatewayHex, ""));
        start("gateway", "gateway", gatewayRole);
        URI gatewayUri = URI.create("http://127.0.0.1:" + ports[NAMES.length]);
        for (int i = 0; i < NAMES.length; i++) {
            awaitHttp(URI.create("http://127.0.0.1:" + ports[i] + "/v1/info?sender=" + gateway), 200, "orchestrator " + NAMES[i], 240);
        }
        awaitHttp(gatewayUri.resolve("/v1/streams/ready-check"), 404, "gateway", 120);
        System.out.println("all nodes up; logs in " + settings.work());

        // The starting point of the prediction: stakes, terms and the Minter's state before the rounds below.
        NetworkStats s0 = chain.networkStats();
        List<Prediction.Orchestrator> start = new ArrayList<>();
        Map<String, BigInteger> stakeBefore = new LinkedHashMap<>();
        Map<String, BigInteger> feesBefore = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            String o = orchestrators.get(i);
            String d = delegators.get(i);
            OrchestratorInfo info = staking.orchestrator(o);
            Map<String, BigInteger> holders = new LinkedHashMap<>();
            for (String who : List.of(o, d)) {
                holders.put(who, staking.pendingStake(who));
                stakeBefore.put(who, staking.pendingStake(who));
                feesBefore.put(who, staking.pendingFees(who));
            }
            start.add(new Prediction.Orchestrator(o, info.rewardCut(), info.feeShare(), holders));
        }
        Prediction prediction = new Prediction(start, s0.totalSupply(), s0.inflation(), s0.inflationChange(),
                s0.targetBondingRate());

        say("Round " + devchain.advanceRounds(1) + ": the orchestrators are active; each node calls reward() itself");
        prediction.newRound();
        awaitRewards(staking, chain.round().round(), orchestrators);

        say("Streaming a generated clip live through pipelines/faces.yaml via the gateway for " + settings.seconds()
                + " s; the serving orchestrator is killed at " + settings.killAt() + " s");
        Map<String, BigInteger> fees = stream(gatewayUri, staking, rpc, broker, orchestrators);
        for (String o : orchestrators) {
            prediction.fees(o, fees.getOrDefault(o, BigInteger.ZERO)); // split by the stake at the round's start
        }
        for (String o : orchestrators) {
            prediction.reward(o);
        }
        for (int r = 0; r < settings.rounds(); r++) {
            long round = devchain.advanceRounds(1);
            say("Round " + round + ": live orchestrators call reward()");
            prediction.newRound();
            List<String> live = orchestrators.stream().filter(o -> orchestratorProcess.get(o).isAlive()).toList();
            awaitRewards(staking, round, live);
            live.forEach(prediction::reward);
        }
        table(staking, prediction, stakeBefore, feesBefore, fees);
        System.out.printf(Locale.ROOT, "%ndemo finished in %.1f s; processed video: %s%n",
                (System.nanoTime() - started) / 1e9, settings.out().resolve("demo-faces.ts"));
        return 0;
    }

    /** Streams and shows the live view; returns the fees each orchestrator's winning tickets paid (on chain). */
    private Map<String, BigInteger> stream(URI gatewayUri, StakingService staking, Rpc rpc, String broker,
                                           List<String> orchestrators) throws Exception {
        String cameraChannel = "demo-camera";
        String outputChannel = "demo-output";
        camera = pipelines.start(new PipelineDefinition("demo-camera", "demo", "1", List.of(
                new NodeDefinition("camera", "test-source", Map.of("width", 640, "height", 360, "fps", 25.0)),
                new NodeDefinition("encode", "encode", Map.of("output", "channel:" + cameraChannel, "fps", 25,
                        "segment-seconds", 1.0))), List.of(new EdgeDefinition("camera", "encode", null)),
                QueuePolicy.LATEST, null), "demo-camera", Map.of());
        SegmentChannel input = channels.open(cameraChannel);
        SegmentChannel output = channels.open(outputChannel);
        // The processed stream as it arrives: decoded here only to count its frames per second.
        monitor = pipelines.start(new PipelineDefinition("demo-monitor", "demo", "1", List.of(
                new NodeDefinition("decode", "decode", Map.of("input", "channel:" + outputChannel, "format", "I420")),
                new NodeDefinition("sink", "null", Map.of())), List.of(new EdgeDefinition("decode", "sink", null)),
                QueuePolicy.LATEST, null), "demo-monitor", Map.of());
        Map<Long, Long> inputStarted = new ConcurrentHashMap<>();
        AtomicLong lastLatencyMillis = new AtomicLong(-1);
        AtomicLong segmentsIn = new AtomicLong();
        AtomicLong segmentsOut = new AtomicLong();
        try (GatewayClient client = new GatewayClient(gatewayUri);
             OutputStream video = Files.newOutputStream(settings.out().resolve("demo-faces.ts"))) {
            StreamInfo stream = client.start("faces", Map.of());
            System.out.println("stream " + stream.id() + " started on " + name(stream.orchestrator()));
            long streamStart = System.nanoTime();
            long[] swapBase = {0, 0}; // swaps seen, output index at that swap
            Thread publisher = Thread.ofVirtual().name("demo-publish").start(() -> {
                long next = 0;
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        SegmentChannel.Segment s = input.await(next, 500, TimeUnit.MILLISECONDS);
                        if (s == null) {
                            continue;
                        }
                        long seq = next;
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
            long end = streamStart + TimeUnit.SECONDS.toNanos(settings.seconds());
            while (System.nanoTime() < end) {
                Thread.sleep(2000);
                double t = (System.nanoTime() - streamStart) / 1e9;
                Map<?, ?> st = client.status(stream.id());
                if (!killed && t >= settings.killAt()) {
                    String serving = String.valueOf(st.get("orchestrator"));
                    Process p = orchestratorProcess.get(serving);
                    if (p != null) {
                        say("Killing " + name(serving) + " (SIGKILL to its process " + p.pid() + ")");
                        p.destroyForcibly();
                    }
                    killed = true;
                }
                try {
                    liveLine(t, st, staking, rpc, broker, orchestrators, lastLatencyMillis.get(), segmentsIn.get(),
                            segmentsOut.get());
                } catch (ChainException e) {
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
        say("Waiting for the orchestrators to redeem their winning tickets (bounded: 30 s)");
        Map<String, BigInteger> fees = redeemed(rpc, broker);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(4)) {
            Thread.sleep(500);
            Map<String, BigInteger> now = redeemed(rpc, broker);
            if (!now.equals(fees)) {
                fees = now;
                quietSince = System.nanoTime();
            }
        }
        monitor.close();
        return fees;
    }

    private final Map<String, long[]> wins = new ConcurrentHashMap<>();

    /** Sum and count of WinningTicketTransfer events per recipient: what winning tickets paid on chain. */
    private Map<String, BigInteger> redeemed(Rpc rpc, String broker) throws IOException, InterruptedException {
        Map<String, BigInteger> sums = new LinkedHashMap<>();
        wins.clear();
        for (Rpc.Log log : rpc.logs(broker, DevKeys.topic("WinningTicketTransfer(address,address,uint256)"))) {
            String recipient = "0x" + log.topics().get(2).substring(26);
            sums.merge(recipient, Rpc.uint(log.data()), BigInteger::add);
            wins.computeIfAbsent(recipient, k -> new long[1])[0]++;
        }
        return sums;
    }

    private void liveLine(double t, Map<?, ?> st, StakingService staking, Rpc rpc, String broker,
                          List<String> orchestrators, long latency, long in, long out) throws Exception {
        double fps = monitor.status().stages().stream().filter(s -> s.node().equals("decode"))
                .mapToDouble(StageStatus::fps).findFirst().orElse(0);
        Map<String, BigInteger> fees = redeemed(rpc, broker);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "t=%4.0fs  %-2s  fps %4.1f  latency %s  segs %d/%d  swaps %s gap %s ms  payments %s (%s ETH)  won %d",
                t, name(String.valueOf(st.get("orchestrator"))), fps, latency < 0 ? "  -  " : latency + " ms",
                in, out, st.get("swaps"), st.get("lastGapMillis"), st.get("payments"),
                Units.formatTokens(new BigInteger(String.valueOf(st.get("paidWei"))), 4),
                wins.values().stream().mapToLong(w -> w[0]).sum()));
        for (String o : orchestrators) {
            OrchestratorInfo info = staking.orchestrator(o);
            line.append(String.format(Locale.ROOT, " | %s%s %s LPT fees %s", name(o),
                    orchestratorProcess.get(o).isAlive() ? "" : "✝", Units.formatTokens(info.totalStake(), 0),
                    Units.formatTokens(fees.getOrDefault(o, BigInteger.ZERO), 4)));
        }
        System.out.println(line);
    }

    private void table(StakingService staking, Prediction prediction, Map<String, BigInteger> stakeBefore,
                       Map<String, BigInteger> feesBefore, Map<String, BigInteger> fees) throws ChainException {
        say("Earnings on chain since the stream's round began, next to the spec's formulas");
        System.out.printf(Locale.ROOT, "%-8s %-44s %22s %22s %8s %18s %18s %6s%n", "account", "address",
                "reward LPT (chain)", "reward LPT (formula)", "Δ wei", "fees ETH (chain)", "fees ETH (formula)", "Δ wei");
        for (String who : prediction.accounts()) {
            BigInteger reward = staking.pendingStake(who).subtract(stakeBefore.get(who));
            BigInteger fee = staking.pendingFees(who).subtract(feesBefore.get(who));
            System.out.printf(Locale.ROOT, "%-8s %-44s %22s %22s %8s %18s %18s %6s%n", name(who), who,
                    Units.formatTokens(reward, 6), Units.formatTokens(prediction.rewardOf(who), 6),
                    reward.subtract(prediction.rewardOf(who)), Units.formatTokens(fee, 6),
                    Units.formatTokens(prediction.feesOf(who), 6), fee.subtract(prediction.feesOf(who)));
        }
        fees.forEach((o, f) -> System.out.println("tickets won by " + name(o) + ": " + wins.getOrDefault(o, new long[1])[0]
                + ", paid " + Units.formatTokens(f, 6) + " ETH"));
    }

    private String name(String address) {
        return address == null ? "-" : label.getOrDefault(address.toLowerCase(Locale.ROOT), address);
    }

    private void awaitRewards(StakingService staking, long round, List<String> orchestrators) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String o : orchestrators) {
            while (lastRewardRound(staking, o) < round) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name(o) + " did not call reward() for round " + round
                            + " within 30 s (see its log in " + settings.work() + ")");
                }
                Thread.sleep(100);
            }
            System.out.println(name(o) + " called reward() for round " + round);
        }
    }

    /**
     * anvil with pruned history can answer a read for the block just mined with "block out of range" while a node's
     * transaction lands: such a read counts as "not yet" and is asked again within the caller's deadline.
     */
    private static long lastRewardRound(StakingService staking, String orchestrator) {
        try {
            return staking.orchestrator(orchestrator).lastRewardRound();
        } catch (ChainException e) {
            return -1;
        }
    }

    private void chainTool(String... args) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(Function.class.getName(), "(framegrid.tool=chain)");
        if (refs == null || refs.length == 0) {
            throw new IllegalStateException("no `chain` tool in this node (is org.framegrid.chain.web3j deployed?)");
        }
        @SuppressWarnings("unchecked")
        Function<List<String>, Integer> tool = (Function<List<String>, Integer>) context.getService(refs[0]);
        try {
            int code = tool.apply(List.of(args));
            if (code != 0) {
                throw new IllegalStateException("chain " + String.join(" ", args) + " failed (exit " + code + ")");
            }
        } finally {
            context.ungetService(refs[0]);
        }
    }

    private Process start(String role, String name, Path roleFile) throws IOException {
        Path log = settings.work().resolve(role + "-" + name + ".log");
        Process p = new ProcessBuilder(settings.script().toString(), "run", "--role", role, "--config",
                roleFile.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        System.out.println(role + " " + name + ": ./framegrid run --role " + role + " --config " + roleFile
                + "  (pid " + p.pid() + ", log " + log + ")");
        return p;
    }

    private void awaitHttp(URI uri, int status, String what, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() == status) {
                    System.out.println(what + " ready (" + uri.getAuthority() + ")");
                    return;
                }
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a node process ended (exit " + p.exitValue() + "); see the logs in "
                            + settings.work());
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(what + " not ready at " + uri + " within " + seconds + " s: " + last);
    }

    private <T> T await(Class<T> type, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            ServiceReference<T> ref = context.getServiceReference(type);
            if (ref != null) {
                T service = context.getService(ref);
                if (service != null) {
                    return service; // released when the tool's framework stops
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(type.getSimpleName() + " did not appear within " + seconds
                + " s (the devchain did not start; the node's log says why)");
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    /** Stops the node processes (SIGTERM, then bounded wait), the pipelines and the devchain. */
    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (camera != null) {
            camera.close();
        }
        if (monitor != null) {
            monitor.close();
        }
        if (chainConfiguration != null) {
            try {
                chainConfiguration.delete();
            } catch (IOException e) {
                // the devchain stops with the tool's framework anyway
            }
        }
    }
}
