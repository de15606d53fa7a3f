package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.framegrid.node.api.Readiness;
import org.framegrid.node.api.ReadinessCheck;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The node's connection to the chain. With {@code rpc.url} set it connects there and finds the contracts through the
 * Controller at {@code controller.address}; without it, it starts the devchain (anvil on a free 127.0.0.1 port, the
 * protocol deployed with the spec's parameters, test accounts funded) and stops it when deactivated. Connecting runs
 * on the component's own thread; a configured node that does not answer (or whose Controller cannot be read yet) is
 * tried again with backoff ({@code connect.retry.millis}, doubling up to {@code connect.retry.max.millis}) until it
 * does: one line says the chain is down, one that it is back. A mistake in the configuration is not retried. Once
 * connected, an outage of the RPC fails the calls made during it, each with its reason, and nothing else: every call
 * is a new HTTP request, so the node works again as soon as the RPC answers. When connecting is done the
 * {@link ChainClient} is registered as a service (property
 * {@value #DEVCHAIN}), which the staking, rounds, statistics and devchain components need. Until then its readiness
 * condition ({@code chain connection}, on {@code /readyz}) says why the node has no chain, e.g. "chain unreachable at
 * URL, retrying since T": its orchestrator and payments wait for it. They share this
 * configuration, which is required: a node without {@code conf/org.framegrid.chain.cfg} (and every tool run, which
 * reads no configuration files) has no chain components at all.
 */
@Component(name = ChainConnection.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = ReadinessCheck.class)
@Designate(ocd = ChainConnection.Config.class)
public final class ChainConnection implements ReadinessCheck {

    static final String PID = "org.framegrid.chain";
    /** Service property of the {@link ChainClient} service: {@code true} on the devchain. */
    static final String DEVCHAIN = "framegrid.devchain";
    /** How long deactivation waits for a connection or devchain start in progress. */
    private static final long STOP_WAIT_MILLIS = 1_000;

    @ObjectClassDefinition(name = "Framegrid chain connection")
    public @interface Config {
        @AttributeDefinition(description = "JSON-RPC URL of an Ethereum node; empty starts the devchain")
        String rpc_url() default "";

        @AttributeDefinition(description = "Address of the protocol's Controller (needed with rpc.url)")
        String controller_address() default "";

        @AttributeDefinition(description = "Encrypted JSON keystore of the node's account (needed with rpc.url)")
        String keystore_file() default "";

        @AttributeDefinition(description = "File whose first line is the keystore's password")
        String password_file() default "";

        @AttributeDefinition(description = "Devchain: blocks per round (the spec's 5,760; tests use fewer)")
        long devchain_round_length() default 5_760;

        @AttributeDefinition(description = "Devchain: anvil executable; empty looks in ${framegrid.home}/chain/anvil, "
                + "then where the build installed it")
        String devchain_anvil() default "";

        @AttributeDefinition(description = "Devchain: where its URL and Controller address are written for the "
                + "`chain` tools; empty means ${framegrid.home}/run/devchain.properties")
        String devchain_info_file() default "";

        @AttributeDefinition(description = "With rpc.url: wait before connecting again after the node did not answer, "
                + "ms; doubles per attempt")
        long connect_retry_millis() default 1000;

        @AttributeDefinition(description = "With rpc.url: longest wait between connection attempts, ms")
        long connect_retry_max_millis() default 30_000;

        @AttributeDefinition(description = "Receipt polling interval, ms (0: 20 on the devchain, 1000 otherwise)")
        long receipt_poll_millis() default 0;

        @AttributeDefinition(description = "Round keeper: how often it looks at the chain, ms")
        long rounds_poll_millis() default 1000;

        @AttributeDefinition(description = "Round keeper: initialise each round when nobody has")
        boolean rounds_initialize() default true;

        @AttributeDefinition(description = "Round keeper: call reward() once per round when the node's account is an "
                + "active orchestrator")
        boolean rounds_reward() default true;
    }

    private final System.Logger log = System.getLogger(ChainConnection.class.getName());
    private final BundleContext context;
    private final ExecutorService connecting;
    private volatile ChainClient chain;
    private volatile ServiceRegistration<ChainClient> registration;
    private volatile Path infoFile;
    private volatile boolean closed;
    private final CompletableFuture<ChainClient> ready = new CompletableFuture<>();
    /** What the connection is doing, as the readiness check says it. */
    private volatile Readiness state;

    @Activate
    public ChainConnection(BundleContext context, Config config) {
        this.context = context;
        this.state = waiting(config.rpc_url().isBlank() ? "the devchain is starting"
                : "connecting to " + config.rpc_url());
        this.connecting = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "framegrid-chain-connect");
            thread.setDaemon(true); // never holds the JVM: what it starts has its own shutdown hook (Anvil)
            return thread;
        });
        connecting.execute(() -> connect(config));
    }

    private void connect(Config config) {
        try {
            boolean devchain = config.rpc_url().isBlank();
            ChainClient connected = devchain ? startDevchain(config) : connectWithBackoff(config);
            synchronized (this) {
                if (closed) {
                    connected.close(); // stopped while connecting: deactivate did not wait for this
                    deleteInfo();
                    return;
                }
                chain = connected;
                Hashtable<String, Object> props = new Hashtable<>();
                props.put(DEVCHAIN, devchain);
                props.put("framegrid.chain.url", connected.url());
                registration = context.registerService(ChainClient.class, connected, props);
            }
            state = new Readiness(CHECK, true, "connected to " + connected.url() + " since " + now());
            ready.complete(connected);
            log.log(System.Logger.Level.INFO, (devchain ? "devchain" : "chain") + " ready at " + connected.url()
                    + " (chain id " + connected.chainId() + ", Controller " + connected.addresses().controller()
                    + (connected.account() == null ? ", read-only" : ", account " + connected.account()) + ")");
        } catch (ChainException e) {
            ready.completeExceptionally(e);
            state = waiting("chain not available: " + e.getMessage());
            if (stopping()) {
                // Whatever broke (anvil killed, its port gone) is the stop's doing: not worth an operator's attention.
                log.log(System.Logger.Level.INFO, "chain start abandoned: the node is stopping");
            } else {
                log.log(System.Logger.Level.ERROR, "chain not available: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            ready.completeExceptionally(e);
            state = waiting("chain not available: " + e);
            log.log(System.Logger.Level.ERROR, "chain not available: " + e, e);
        }
    }

    /**
     * @return whether this component is being deactivated or the JVM is exiting: a failure then is the stop's doing,
     *     not news (the launcher's shutdown hook may not have reached this component yet)
     */
    private boolean stopping() {
        synchronized (this) {
            if (closed) {
                return true;
            }
        }
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    private static final String CHECK = "chain connection";

    private static Readiness waiting(String why) {
        return new Readiness(CHECK, false, why);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** @return why the node has no chain yet (the orchestrator and payments wait for it), or where it is connected */
    @Override
    public List<Readiness> check() {
        return List.of(state);
    }

    /** @return completes with the registered chain, or with the reason it could not be reached */
    CompletableFuture<ChainClient> ready() {
        return ready;
    }

    /**
     * Checks the configuration once, then connects to {@code rpc.url} until it answers: a node that is down or not
     * ready is tried again with backoff, a configuration mistake is thrown at once.
     *
     * @throws ChainException for a configuration mistake, or when the component stops before the node answers
     */
    private ChainClient connectWithBackoff(Config config) throws ChainException {
        if (config.controller_address().isBlank()) {
            throw new ChainException("connect", PID + ": controller.address is needed with rpc.url " + config.rpc_url(), false);
        }
        String controller = ChainClient.checkAddress("connect", config.controller_address());
        Account account = null;
        if (!config.keystore_file().isBlank()) {
            if (config.password_file().isBlank()) {
                throw new ChainException("connect", PID + ": password.file is needed with keystore.file", false);
            }
            account = Account.of(KeyStoreFiles.load(Path.of(config.keystore_file()), Path.of(config.password_file())));
        }
        Duration poll = Duration.ofMillis(config.receipt_poll_millis() > 0 ? config.receipt_poll_millis() : 1000);
        long wait = Math.max(1, config.connect_retry_millis());
        long started = System.nanoTime();
        String lastReason = null;
        Instant since = now();
        for (int attempt = 1; !closed; attempt++) {
            try {
                ChainClient connected = ChainClient.connect(config.rpc_url(), controller, account, poll, null);
                if (attempt > 1) {
                    log.log(System.Logger.Level.INFO, "chain at " + config.rpc_url() + " answers again after "
                            + attempt + " attempts in " + (System.nanoTime() - started) / 1_000_000_000 + " s");
                }
                return connected;
            } catch (ChainException down) {
                if (closed) {
                    break; // the stop interrupted this attempt: its failure is no news
                }
                state = waiting("chain unreachable at " + config.rpc_url() + ", retrying since " + since + " ("
                        + attempt + (attempt == 1 ? " attempt" : " attempts") + "; last: " + down.getMessage() + ")");
                if (!down.reason().equals(lastReason)) {
                    long most = Math.max(wait, config.connect_retry_max_millis());
                    log.log(System.Logger.Level.WARNING, "chain not available (" + down.getMessage() + "); the node "
                            + "takes no ticket payments until it is; trying again every "
                            + (most < 1000 ? most + " ms" : most / 1000 + " s") + " at most");
                    lastReason = down.reason();
                } else {
                    log.log(System.Logger.Level.DEBUG, "chain connection attempt " + attempt + ": " + down.getMessage());
                }
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                break;
            }
            wait = Math.min(Math.max(1, config.connect_retry_max_millis()), wait * 2);
        }
        throw new ChainException("connect", "abandoned: the node is stopping", false);
    }

    private ChainClient startDevchain(Config config) throws ChainException {
        Path anvil = config.devchain_anvil().isBlank() ? Devchain.locateAnvil(context.getProperty("framegrid.home"))
                : Path.of(config.devchain_anvil());
        ProtocolParameters parameters = ProtocolParameters.defaults().withRoundLength(config.devchain_round_length());
        Devchain devchain = Devchain.start(anvil, parameters);
        try {
            long poll = config.receipt_poll_millis() > 0 ? config.receipt_poll_millis() : 20;
            ChainClient connected = ChainClient.connect(devchain.url(), devchain.controller(),
                    Account.of(devchain.nodeAccount()), Duration.ofMillis(poll), devchain);
            writeInfo(config, devchain);
            return connected;
        } catch (ChainException | RuntimeException e) {
            devchain.close();
            throw e;
        }
    }

    /** Tells the `chain` tools (separate processes) where the node's devchain is. */
    private void writeInfo(Config config, Devchain devchain) {
        String home = context.getProperty("framegrid.home");
        Path file = !config.devchain_info_file().isBlank() ? Path.of(config.devchain_info_file())
                : home == null ? null : Path.of(home, "run", "devchain.properties");
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "# Written by the running node; removed when it stops. Read by `framegrid chain`.\n"
                    + "rpc.url=" + devchain.url() + "\ncontroller.address=" + devchain.controller() + "\n",
                    StandardCharsets.UTF_8);
            infoFile = file;
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot write " + file + " (the chain tools will not find the devchain): " + e);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        synchronized (this) {
            closed = true;
        }
        connecting.shutdownNow();
        // A devchain start (anvil, the protocol's deploy) does not stop when interrupted, and takes seconds on a busy
        // machine: the node's stop does not wait for it. The connecting thread closes what it made once it is done,
        // and anvil's shutdown hook stops anvil if the JVM exits first.
        if (!connecting.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            log.log(System.Logger.Level.INFO, "stopping while the chain connects: what it started is stopped as "
                    + "soon as its start ends");
        }
        ServiceRegistration<ChainClient> r = registration;
        if (r != null) {
            r.unregister();
        }
        ChainClient c = chain;
        if (c != null) {
            c.close();
        }
        deleteInfo();
    }

    private void deleteInfo() {
        Path file = infoFile;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A stale file only makes the tools report that nothing answers at its URL.
            }
        }
    }
}
