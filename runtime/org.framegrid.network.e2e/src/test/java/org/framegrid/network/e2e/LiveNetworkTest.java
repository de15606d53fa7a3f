package org.framegrid.network.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.chain.api.OrchestratorInfo;
import org.framegrid.chain.contracts.Anvil;
import org.framegrid.chain.contracts.ProtocolAddresses;
import org.framegrid.chain.contracts.ProtocolDeployer;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.framegrid.chain.contracts.generated.BondingManager;
import org.framegrid.chain.contracts.generated.LivepeerToken;
import org.framegrid.chain.contracts.generated.RoundsManager;
import org.framegrid.chain.contracts.generated.ServiceRegistry;
import org.framegrid.chain.web3j.embedded.EmbeddedChain;
import org.framegrid.chain.web3j.embedded.MessageSignatures;
import org.framegrid.chain.web3j.embedded.TicketAccount;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.gateway.embedded.EmbeddedGateway;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.media.embedded.EmbeddedMedia;
import org.framegrid.orchestrator.embedded.EmbeddedOrchestrator;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.payment.api.ticket.RedemptionException;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.framegrid.payment.tickets.embedded.EmbeddedTickets;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.Providers;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.trickle.tls.BoundCertificates;
import org.framegrid.trickle.tls.NodeTrust;
import org.framegrid.trickle.tls.TlsIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;
import org.web3j.utils.Numeric;

/**
 * The network end to end on 127.0.0.1: a real anvil with the protocol (200-block rounds), two orchestrators
 * registered on chain with their service URIs and stakes, a gateway that discovers them from the chain only, real
 * tickets (libsecp256k1, H2 winner store, on-chain redemption), and generated video (test-source → encode, 1 s
 * MPEG-TS segments) through decode → detect-faces (BlazeFace on ONNX Runtime, CPU) → encode.
 */
@Timeout(110)
class LiveNetworkTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int FPS = 25;
    static Anvil anvil;
    static ProtocolAddresses at;
    static EmbeddedChain chain;
    static long roundLength = 200; // no round passes during a test: nothing here initialises rounds as a node does

    @TempDir
    Path dir;
    private MemorySegmentChannels channels;
    private EmbeddedEngine engine;
    private TrickleServerFactory servers;
    private final AtomicLong countedFrames = new AtomicLong();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void chain() throws Exception {
        anvil = Anvil.start();
        at = ProtocolDeployer.deploy(anvil, ProtocolParameters.defaults().withRoundLength(roundLength));
        chain = new EmbeddedChain(anvil.url(), at.controller(), Duration.ofMillis(5));
    }

    @AfterAll
    static void stopChain() {
        try (Anvil a = anvil; EmbeddedChain c = chain) {
            // the chain client first, then anvil
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        // The events channel carries one message per frame: room for a slow reader.
        channels = new MemorySegmentChannels(400);
        engine = new EmbeddedEngine(60_000, false);
        EmbeddedMedia media = new EmbeddedMedia(channels);
        engine.addProvider(media.decode(), 0, 1, "media");
        engine.addProvider(media.encode(), 0, 2, "media");
        engine.addProvider(Providers.stage("test-source"), 0, 3, "util");
        engine.addProvider(detector(), 0, 4, "faces");
        engine.addProvider(Providers.stage("collect"), 0, 5, "util");
        engine.register(new PipelineDefinition("live-faces", "test", "1", List.of(
                new NodeDefinition("dec", "decode", Map.of("input", "", "format", "RGB24")),
                new NodeDefinition("faces", "detect-faces", Map.of("model", "blazeface-front", "score-threshold", 0.6)),
                new NodeDefinition("enc", "encode", Map.of("output", "", "fps", FPS, "segment-seconds", 1.0))),
                List.of(new EdgeDefinition("dec", "faces", null), new EdgeDefinition("faces", "enc", null)),
                QueuePolicy.BLOCK, null));
        servers = Providers.service(TrickleServerFactory.class);
        open.add(engine);
        open.add((AutoCloseable) servers); // it owns the event loops, as DS deactivation closes them in a node
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    // ---------------------------------------------------------------- the tests

    @Test
    void faceStreamPaidWithTicketsEarnsTheOrchestratorItsRedeemedFaceValues() throws Exception {
        Network n = network(8);
        int segments = 8;
        try (GatewayClient client = new GatewayClient(n.gateway.uri())) {
            StreamInfo s = client.start("live-faces", Map.of());
            Map<?, ?> started = client.status(s.id());
            Events events = Events.follow(URI.create(String.valueOf(started.get("events"))));
            open.add(events);
            CompletableFuture<Long> received = receive(client, s, segments - 1);
            publish(client, s, camera(segments), segments, -1, null);
            received.get(60, TimeUnit.SECONDS);
            // Every complete output segment was decoded again here; the encoder still holds the last one open.
            long expected = (long) FPS * (segments - 1) - events.drops();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (countedFrames.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Map<?, ?> status = client.status(s.id());
            System.out.println("stream: " + status);
            assertEquals(expected, countedFrames.get(), "output frames = input frames of the complete segments"
                    + " minus counted drops (" + events.drops() + ")");
            assertTrue(events.frames.get() >= FPS * (segments - 2), "per-frame detections on the events channel: "
                    + events.frames.get());
            assertTrue(events.statuses.get() >= 1, "status events");
            long payments = ((Number) status.get("payments")).longValue();
            assertTrue(payments >= 2, "periodic payments: " + payments);
            assertTrue(new BigInteger(String.valueOf(status.get("deliveredWei"))).signum() > 0, "delivered reported");
            client.stop(s.id());
            BigInteger paid = new BigInteger(String.valueOf(status.get("paidWei")));
            BigInteger ticketsSent = paid.divide(n.ev);

            // Every winner is redeemed: the redeemed face values left the sender's deposit and are the
            // orchestrators' fees on chain.
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (n.pendingWinners() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, n.pendingWinners(), "winners left unredeemed");
            BigInteger fees = n.fees();
            BigInteger depositSpent = n.deposit.subtract(n.gatewayChain.sender(n.gatewayAddress,
                    n.a.address).deposit());
            System.out.printf("tickets sent %s (EV %s wei), won and redeemed %d, face values %s wei, orchestrator"
                    + " fees on chain %s wei, deposit spent %s wei%n", ticketsSent, n.ev, n.redeemed.size(),
                    n.redeemedValue(), fees, depositSpent);
            assertTrue(n.redeemed.size() >= 1, "at least one ticket won (p = 1/3, " + ticketsSent + " sent)");
            assertEquals(n.redeemedValue(), fees, "fees on chain = redeemed face values");
            assertEquals(n.redeemedValue(), depositSpent, "paid from the sender's deposit");
        }
    }

    @Test
    void aStalledOrchestratorIsSuspendedAndTheStreamMoves() throws Exception {
        Network n = network(12);
        // Stalled after segment 3; input resumes at the live edge once the stall is detected (3 s) and the new
        // session started, so about 5 segments are skipped and the last one stays open in the encoder.
        int segments = 14;
        try (GatewayClient client = new GatewayClient(n.gateway.uri())) {
            StreamInfo s = client.start("live-faces", Map.of());
            CompletableFuture<Long> received = receive(client, s, segments - 7);
            AtomicReference<String> stalled = new AtomicReference<>();
            publish(client, s, camera(segments), segments, 3, () -> {
                Map<?, ?> st = client.status(s.id());
                stalled.set(String.valueOf(st.get("orchestrator")));
                // Stop working without closing anything: the session's pipeline ends, its channels and the node
                // stay up, input is still accepted, no output comes.
                engine.stream("session-" + st.get("session")).orElseThrow().close();
            });
            received.get(60, TimeUnit.SECONDS);
            Map<?, ?> status = client.status(s.id());
            System.out.println("after the stall: " + status);
            System.out.println("stall failover gap: " + status.get("lastGapMillis") + " ms");
            assertEquals(1, ((Number) status.get("swaps")).intValue(), status.toString());
            assertNotEquals(stalled.get(), status.get("orchestrator"));
            assertTrue(String.valueOf(status.get("failures")).contains("stalled"), status.toString());
            assertTrue(n.selector.suspended(stalled.get()), "the stalled orchestrator is suspended");
            assertTrue(((Number) status.get("lastGapMillis")).longValue() > 0);
            client.stop(s.id());
        }
    }

    // ---------------------------------------------------------------- the network

    /** Two orchestrators on chain (A with more stake), one gateway that knows only the chain. */
    final class Network {
        final Node a;
        final Node b;
        final EmbeddedGateway gateway;
        final OrchestratorSelector selector = Providers.service(OrchestratorSelector.class);
        final BigInteger ev;
        final BigInteger deposit;
        final String gatewayAddress;
        final TicketAccount gatewayChain;
        final List<WinningTicket> redeemed = new CopyOnWriteArrayList<>();
        final BigInteger feesBefore;

        Network(int stakeA, int stakeB) throws Exception {
            Credentials g = anvil.accounts().get(2);
            gatewayAddress = g.getAddress();
            gatewayChain = broker(g);
            // Face value = 3 x redemption gas cost, EV = 1 x: one ticket in three wins.
            ev = gatewayChain.gasPrice().multiply(BigInteger.valueOf(350_000));
            nextRound(); // bonding needs an initialised round
            a = node("A", anvil.accounts().get(1), stakeA);
            b = node("B", anvil.accounts().get(3), stakeB);
            nextRound();
            BigInteger eth = BigInteger.TEN.pow(18);
            BigInteger before = gatewayChain.sender(gatewayAddress, a.address).deposit();
            gatewayChain.fund(gatewayAddress, eth, eth);
            deposit = before.add(eth);
            Path key = dir.resolve("gateway.key");
            Files.writeString(key, Numeric.toHexStringWithPrefixZeroPadded(g.getEcKeyPair().getPrivateKey(), 64));
            PaymentSender sender = new EmbeddedTickets(null, null).sender(Map.of("key.file", key.toString()));
            gateway = new EmbeddedGateway(new GatewaySettings(gatewayAddress, "127.0.0.1", 0, List.of(), Map.of(),
                    ev.multiply(BigInteger.TWO), 1_000, 3_000, GatewaySettings.DEFAULT_IDLE_MILLIS, 3 * FPS), channels,
                    selector, sender, servers,
                    LiveNetworkTest::fromChain, 60_000);
            open.add(gateway);
            gateway.useSignatures(MessageSignatures.readOnly()); // TLS to the orchestrators, bound to their addresses
            gateway.discover();
            feesBefore = fees();
        }

        Node node(String name, Credentials credentials, int stake) throws Exception {
            TicketAccount account = broker(credentials);
            EmbeddedTickets tickets = new EmbeddedTickets(account, new TicketRedeemer() {
                @Override
                public String redeem(WinningTicket winner) throws RedemptionException {
                    String tx = account.redeem(winner);
                    redeemed.add(winner);
                    return tx;
                }
            });
            open.add(tickets);
            PaymentReceiver receiver = tickets.receiver(Map.of("recipient.address", credentials.getAddress(),
                    "store.file", dir.resolve(name + "-winners.mv").toString(), "ticket.ev", ev.toString(),
                    "face.value.multiplier", 3L, "redeem.retry.ms", 200L, "chain.cache.ms", 200L));
            String address = credentials.getAddress().toLowerCase();
            TlsIdentity tls = BoundCertificates.identity(dir.resolve(name + "-tls.key"), address, MessageSignatures.of(
                    Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64))::sign);
            EmbeddedOrchestrator o = new EmbeddedOrchestrator(new OrchestratorSettings(address,
                    "127.0.0.1", 0, true, List.of("live-faces"), 2, ev, 4, 1_000), engine, channels, receiver,
                    servers, tls);
            open.add(o);
            register(credentials, stake, o.uri().toString());
            return new Node(credentials.getAddress().toLowerCase(), o, tickets);
        }

        int pendingWinners() {
            return a.tickets.pendingWinners() + b.tickets.pendingWinners();
        }

        BigInteger redeemedValue() {
            return redeemed.stream().map(w -> w.ticket().faceValue()).reduce(BigInteger.ZERO, BigInteger::add);
        }

        BigInteger fees() throws Exception {
            BondingManager bonding = BondingManager.load(at.bondingManager(), anvil.web3j(),
                    manager(anvil.accounts().get(0)), ProtocolDeployer.DEV_GAS);
            BigInteger sum = BigInteger.ZERO;
            for (Node node : List.of(a, b)) {
                sum = sum.add(bonding.pendingFees(node.address, BigInteger.ZERO).send());
            }
            return feesBefore == null ? sum : sum.subtract(feesBefore);
        }
    }

    record Node(String address, EmbeddedOrchestrator orchestrator, EmbeddedTickets tickets) {
    }

    private Network network(int seed) throws Exception {
        return new Network(1000 + seed, 500);
    }

    /** The chain's pool, read with the contract wrappers, as StakingService.orchestrators() gives it in a node. */
    static List<OrchestratorInfo> fromChain() throws Exception {
        TransactionManager reader = manager(anvil.accounts().get(0));
        BondingManager bonding = BondingManager.load(at.bondingManager(), anvil.web3j(), reader,
                ProtocolDeployer.DEV_GAS);
        ServiceRegistry registry = ServiceRegistry.load(at.serviceRegistry(), anvil.web3j(), reader,
                ProtocolDeployer.DEV_GAS);
        List<OrchestratorInfo> pool = new ArrayList<>();
        String next = bonding.getFirstTranscoderInPool().send();
        while (!next.equals("0x0000000000000000000000000000000000000000") && pool.size() < 100) {
            pool.add(new OrchestratorInfo(next, true, bonding.isActiveTranscoder(next).send(), 0, 0, 0,
                    bonding.transcoderTotalStake(next).send(), registry.getServiceURI(next).send()));
            next = bonding.getNextTranscoderInPool(next).send();
        }
        return pool;
    }

    // ---------------------------------------------------------------- media

    /** A live camera: test-source at 25 fps, {@code segments} seconds of it, encoded into 1 s segments. */
    SegmentChannel camera(int segments) throws Exception {
        engine.start(new PipelineDefinition("camera", "test", "1", List.of(
                new NodeDefinition("src", "test-source", Map.of("width", 320, "height", 240, "fps", (double) FPS,
                        "frames", (long) FPS * segments)),
                new NodeDefinition("enc", "encode", Map.of("output", "channel:camera", "fps", FPS,
                        "segment-seconds", 1.0))), List.of(new EdgeDefinition("src", "enc", null)),
                QueuePolicy.BLOCK, null), "camera", Map.of());
        return channels.open("camera");
    }

    interface Action {
        void run() throws Exception;
    }

    /** Publishes the camera's segments as they are encoded; runs {@code action} after segment {@code at}. */
    void publish(GatewayClient client, StreamInfo s, SegmentChannel camera, int segments, int at, Action action)
            throws Exception {
        for (long seq = 0; seq < segments; seq++) {
            SegmentChannel.Segment seg = camera.await(seq, 5, TimeUnit.SECONDS);
            assertTrue(seg != null, "camera segment " + seq);
            client.publish(s, seq, seg.bytes());
            if (seq == at) {
                action.run();
            }
        }
    }

    /**
     * Reads {@code count} output segments and republishes each into a local channel; a tap on the collect node of a
     * decode → collect pipeline counts their frames.
     */
    CompletableFuture<Long> receive(GatewayClient client, StreamInfo s, int count) throws Exception {
        SegmentChannel received = channels.open("received");
        engine.start(new PipelineDefinition("count", "test", "1", List.of(
                new NodeDefinition("dec", "decode", Map.of("input", "channel:received", "format", "I420")),
                new NodeDefinition("count", "collect", Map.of())), List.of(new EdgeDefinition("dec", "count", null)),
                QueuePolicy.BLOCK, null), "count", Map.of())
                .tap("count", (stream, node, frame) -> countedFrames.incrementAndGet());
        return CompletableFuture.supplyAsync(() -> {
            long next = 0;
            long got = 0;
            try {
                while (got < count) {
                    TrickleClient.Segment seg = client.read(s, next);
                    next = seg.sequence() + 1;
                    byte[] bytes;
                    try (InputStream in = seg.bytes()) {
                        bytes = in.readAllBytes();
                    } catch (java.io.IOException cut) {
                        continue; // a segment cut by a failover: not republished, not counted
                    }
                    try (SegmentWriter w = received.publish()) {
                        w.write(bytes);
                    }
                    got++;
                }
                return got;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    /** Follows an orchestrator's events channel: per-frame metadata and status messages. */
    static final class Events implements AutoCloseable {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong statuses = new AtomicLong();
        final AtomicLong lastDrops = new AtomicLong();
        private final TrickleClient trickle = new TrickleClient(
                new NodeTrust(MessageSignatures.readOnly()::signer).context()); // the orchestrator's, over TLS
        private final Thread thread;

        private Events(URI uri) {
            thread = Thread.ofVirtual().start(() -> {
                long next = 0;
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        TrickleClient.Segment seg = trickle.read(uri, next);
                        next = seg.sequence() + 1;
                        Map<?, ?> m;
                        try (InputStream in = seg.bytes()) {
                            m = JSON.readValue(in.readAllBytes(), Map.class);
                        }
                        if ("frame".equals(m.get("type")) && m.get("detections") instanceof List<?>) {
                            frames.incrementAndGet();
                        } else if ("status".equals(m.get("type"))) {
                            statuses.incrementAndGet();
                            long drops = 0;
                            for (Object stage : (List<?>) m.get("stages")) {
                                drops += ((Number) ((Map<?, ?>) stage).get("drops")).longValue();
                            }
                            lastDrops.set(drops);
                        }
                    }
                } catch (Exception e) {
                    // the channel closed with the session
                }
            });
        }

        static Events follow(URI uri) {
            return new Events(uri);
        }

        long drops() {
            return lastDrops.get();
        }

        @Override
        public void close() {
            thread.interrupt();
            trickle.close();
        }
    }

    // ---------------------------------------------------------------- chain and wiring helpers

    static TicketAccount broker(Credentials c) {
        return chain.tickets(c.getEcKeyPair().getPrivateKey());
    }

    static TransactionManager manager(Credentials c) {
        return ProtocolDeployer.transactionManager(anvil.web3j(), c, anvil.chainId());
    }

    /** Bonds LPT to itself, registers (feeShare 0: it keeps all fees) and publishes its service URI. */
    static void register(Credentials orchestrator, int lpt, String uri) throws Exception {
        BigInteger stake = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(lpt));
        TransactionManager as0 = manager(orchestrator);
        if (BondingManager.load(at.bondingManager(), anvil.web3j(), as0, ProtocolDeployer.DEV_GAS)
                .transcoderTotalStake(orchestrator.getAddress()).send().signum() > 0) {
            // Registered by an earlier test on this chain: only its new service URI is published.
            ServiceRegistry.load(at.serviceRegistry(), anvil.web3j(), as0, ProtocolDeployer.DEV_GAS).setServiceURI(uri)
                    .send();
            return;
        }
        LivepeerToken.load(at.livepeerToken(), anvil.web3j(), manager(anvil.accounts().get(0)),
                ProtocolDeployer.DEV_GAS).transfer(orchestrator.getAddress(), stake).send();
        TransactionManager as = manager(orchestrator);
        LivepeerToken.load(at.livepeerToken(), anvil.web3j(), as, ProtocolDeployer.DEV_GAS)
                .approve(at.bondingManager(), stake).send();
        BondingManager bonding = BondingManager.load(at.bondingManager(), anvil.web3j(), as, ProtocolDeployer.DEV_GAS);
        bonding.bond(stake, orchestrator.getAddress()).send();
        bonding.transcoder(BigInteger.ZERO, BigInteger.ZERO).send();
        ServiceRegistry.load(at.serviceRegistry(), anvil.web3j(), as, ProtocolDeployer.DEV_GAS).setServiceURI(uri)
                .send();
    }

    static void nextRound() throws Exception {
        long next = anvil.blockNumber() + 1;
        long target = (next / roundLength + 1) * roundLength;
        anvil.mine(target - next);
        RoundsManager.load(at.roundsManager(), anvil.web3j(), manager(anvil.accounts().get(0)),
                ProtocolDeployer.DEV_GAS).initializeRound().send();
    }

    /** detect-faces with the real BlazeFace model bundle (a test dependency) on the CPU backend. */
    static ModelStageProvider detector() throws Exception {
        ModelStageProvider detect = (ModelStageProvider) Providers.stage("detect-faces");
        detect.addModel(Fixtures.bundled("blazeface-front"));
        detect.setBackend(Providers.cpuBackend());
        return detect;
    }
}
