package org.framegrid.demo.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.StakingService;
import org.framegrid.chain.api.Units;
import org.framegrid.payment.api.ticket.RedeemedTickets;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.trickle.tls.NodeTrust;

/**
 * The network demo, step by step: a devchain in this JVM (short rounds), three orchestrators registered with
 * different stakes, reward cuts and fee shares, a delegator bonded to each, the gateway's ticket deposit funded
 * ({@link DemoChain}); then the orchestrators and the gateway start as their own processes
 * ({@link NodeProcesses}); real pictures with people, zoomed and panned, are streamed live through
 * {@code pipelines/showcase.yaml} (background blurred, face mesh and pose drawn) via the gateway
 * client, and midway the serving orchestrator is killed ({@link LiveStream}); rounds advance, the nodes call
 * {@code reward()}, and the final table puts each account's reward and fees, and the treasury's share, next to
 * {@link Prediction} ({@link EarningsReport}).
 */
final class Demo implements AutoCloseable {
    private static final BigInteger PRICE_PER_SECOND = new BigInteger("500000000000000"); // 0.0005 ETH
    private static final BigInteger TICKET_EV = new BigInteger("100000000000000"); // 0.0001 ETH: 5 tickets a second
    private static final long REDEEM_GAS = 350_000;
    private static final String[] NAMES = {"o1", "o2", "o3"};
    private static final String[] STAKE = {"3000", "2000", "1000"};
    private static final String[] REWARD_CUT = {"10", "25", "50"};
    private static final String[] FEE_SHARE = {"50", "25", "75"};
    private static final String[] DELEGATION = {"1000", "1500", "500"};
    /** The model bundles pipelines/showcase.yaml runs. */
    private static final List<String> MODELS = List.of("model-selfie-segmentation", "model-face-detection-short-range",
            "model-face-landmark", "model-pose-detection", "model-pose-landmark-lite");

    private final DemoSettings settings;
    private final DriverNode node;
    private final long started = System.nanoTime();
    private final Map<String, Process> orchestratorProcess = new LinkedHashMap<>();
    private final Map<String, String> label = new LinkedHashMap<>();
    private DemoChain chain;
    private NodeProcesses nodes;
    private LiveStream stream;

    Demo(DemoSettings settings, DriverNode node) {
        this.settings = settings;
        this.node = node;
    }

    private void say(String text) {
        System.out.printf(Locale.ROOT, "%n\033[1m[%5.1f s] %s\033[0m%n", (System.nanoTime() - started) / 1e9, text);
    }

    int run() throws Exception {
        Files.createDirectories(settings.work());
        Files.createDirectories(settings.out());
        say("Devchain: anvil with the protocol deployed, rounds of " + settings.roundLength() + " blocks (the spec's"
                + " 5,760 would take hours to mine; a short round keeps the demo's redemptions within one round)");
        chain = new DemoChain(node, settings.roundLength(), settings.work().resolve("keys"));
        System.out.println("devchain at " + chain.chain.rpcUrl() + ", Controller " + chain.chain.controllerAddress()
                + ", round " + chain.chain.round().round());

        say("Registering three orchestrators and bonding a delegator to each (transactions from the dev accounts)");
        int[] ports = NodeProcesses.freePorts(NAMES.length + 1);
        List<String> orchestrators = new ArrayList<>();
        List<String> delegators = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            String o = chain.orchestrator(i);
            orchestrators.add(o);
            label.put(o, NAMES[i]);
            chain.register(o, STAKE[i], REWARD_CUT[i], FEE_SHARE[i], "https://127.0.0.1:" + ports[i]);
        }
        for (int i = 0; i < NAMES.length; i++) {
            String d = chain.delegator(i);
            delegators.add(d);
            label.put(d, "d" + (i + 1) + "→" + NAMES[i]);
            chain.bond(d, DELEGATION[i], orchestrators.get(i));
        }
        String gateway = chain.gateway();
        label.put(gateway, "gateway");
        say("Funding the gateway's tickets as its operator does: ./framegrid chain deposit 1 --reserve 1");
        chain.fundGateway("1", "1");
        TicketChain tickets = chain.gatewayTickets();

        say("Starting the nodes as their own processes: ./framegrid run --role orchestrator|gateway --config FILE");
        // Face value = 10 × EV (about one ticket in ten wins): a one-minute stream shows redemptions.
        startNodes(orchestrators, gateway, ports, RoleFiles.Terms.winningOneIn(10, PRICE_PER_SECOND, TICKET_EV,
                REDEEM_GAS, tickets.gasPrice()));
        URI gatewayUri = URI.create("http://127.0.0.1:" + ports[NAMES.length]);
        for (int i = 0; i < NAMES.length; i++) {
            nodes.awaitHttp(URI.create("https://127.0.0.1:" + ports[i] + "/v1/info?sender=" + gateway), 200,
                    "orchestrator " + NAMES[i], 240);
        }
        nodes.awaitHttp(gatewayUri.resolve("/v1/streams/ready-check"), 404, "gateway", 120);
        System.out.println("all nodes up; logs in " + settings.work());

        // The starting point of the prediction: stakes, terms and the Minter's state before the rounds below.
        EarningsReport report = new EarningsReport(chain.staking, this::name);
        Prediction prediction = report.start(chain.chain.networkStats(), chain.chain.treasury(), orchestrators,
                delegators);

        say("Round " + chain.devchain.advanceRounds(1)
                + ": the orchestrators are active; each node calls reward() itself");
        prediction.newRound();
        awaitRewards(chain.staking, chain.chain.round().round(), orchestrators);

        for (int i = 0; i < NAMES.length; i++) { // each warmed its pipelines at start: a failover lands on a warm one
            nodes.awaitWarm(URI.create("https://127.0.0.1:" + ports[i] + "/v1/info"), "orchestrator " + NAMES[i], 240);
        }
        String pictures = DemoPictures.files();
        say("Streaming " + (pictures.isEmpty() ? "a generated pattern" : "real pictures (astronaut, person; zoomed and"
                + " panned)") + " live through pipelines/showcase.yaml (background blurred, face mesh and pose drawn)"
                + " via the gateway for " + settings.seconds() + " s; the serving orchestrator is killed at "
                + settings.killAt() + " s");
        stream = new LiveStream(node.pipelines(), node.channels(), chain.staking, tickets, orchestrators, orchestratorProcess,
                this::name, this::say);
        Map<String, RedeemedTickets> won = stream.run(gatewayUri, settings.seconds(), settings.killAt(), pictures,
                settings.out().resolve("demo-faces.ts"), settings.out().resolve("demo-frame.png"));
        for (String o : orchestrators) {
            RedeemedTickets paid = won.get(o);
            prediction.fees(o, paid == null ? BigInteger.ZERO : paid.paid()); // split by the stake at the round's start
        }
        for (String o : orchestrators) {
            prediction.reward(o);
        }
        for (int r = 0; r < settings.rounds(); r++) {
            long round = chain.devchain.advanceRounds(1);
            say("Round " + round + ": live orchestrators call reward()");
            prediction.newRound();
            List<String> live = orchestrators.stream().filter(o -> orchestratorProcess.get(o).isAlive()).toList();
            awaitRewards(chain.staking, round, live);
            live.forEach(prediction::reward);
        }
        say("Earnings on chain since the stream's round began, and the treasury's share of the rewards, next to the"
                + " spec's formulas");
        report.print(prediction, won);
        System.out.printf(Locale.ROOT, "%ndemo finished in %.1f s; processed video: %s, a frame of it: %s%n",
                (System.nanoTime() - started) / 1e9, settings.out().resolve("demo-faces.ts"),
                settings.out().resolve("demo-frame.png"));
        return 0;
    }

    /** Writes the nodes' keys and role files and starts the orchestrators and the gateway. */
    private void startNodes(List<String> orchestrators, String gateway, int[] ports, RoleFiles.Terms terms)
            throws IOException, ChainException {
        NodeTrust trust = chain.trust();
        for (int i = 0; i < NAMES.length; i++) {
            trust.expect(URI.create("https://127.0.0.1:" + ports[i]), orchestrators.get(i));
        }
        nodes = new NodeProcesses(settings.script(), settings.work(), trust.context());
        RoleFiles.ChainEndpoint endpoint = chain.endpoint();
        List<Integer> orchestratorPorts = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            String o = orchestrators.get(i);
            orchestratorPorts.add(ports[i]);
            Path hex = chain.privateKey(NAMES[i], o);
            Path keystore = chain.keystore(NAMES[i], o);
            orchestratorProcess.put(o, nodes.start("orchestrator", NAMES[i], RoleFiles.orchestrator(NAMES[i], o,
                    ports[i], List.of(LiveStream.PIPELINE), MODELS, endpoint, keystore, chain.passwordFile(), hex,
                    terms)));
        }
        Path gatewayHex = chain.privateKey("gateway", gateway);
        nodes.start("gateway", "gateway", RoleFiles.gateway("gateway", gateway, ports[NAMES.length], orchestratorPorts,
                endpoint, gatewayHex, terms));
    }

    private String name(String address) {
        return address == null ? "-" : label.getOrDefault(address.toLowerCase(Locale.ROOT), address);
    }

    private void awaitRewards(StakingService staking, long round, List<String> orchestrators)
            throws InterruptedException {
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

    /** Stops the node processes, the pipelines and the devchain (in that order; what was not started is skipped). */
    @Override
    public void close() {
        try (DemoChain c = chain; LiveStream s = stream; NodeProcesses n = nodes) {
            // closed in reverse order of the resources
        }
    }
}
