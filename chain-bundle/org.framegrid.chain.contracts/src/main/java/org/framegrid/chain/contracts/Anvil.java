package org.framegrid.chain.contracts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A local anvil node run as a child process on a free 127.0.0.1 port.
 * <p>
 * Started with {@code --hardfork cancun --prune-history 16}: with any later hardfork, or without pruning, mining
 * thousands of blocks slows down quadratically (see stack.md C1.1; 20,000 blocks: 131 s unpruned, 4-7 s pruned); the
 * contracts are compiled for cancun to match. The 16 latest states stay readable ({@link #KEPT_STATES}): with a bare
 * {@code --prune-history} anvil keeps only the latest, and a read that reaches it as a block is mined (a client's
 * "latest" resolved to N-1 while N lands) fails with {@code BlockOutOfRangeError: block height is N but requested was
 * N-1}; keeping 16 costs about 35 MB of anvil memory (96 MB against 59 MB after 20,000 blocks).
 * {@link #close()} kills the process; a shutdown hook does the same if the JVM exits first, so no anvil outlives it.
 * <p>
 * Thread safety: all methods may be called from any thread; {@link #web3j()} is a shared client owned by this object.
 */
public final class Anvil implements AutoCloseable {

    /** How many of the latest states anvil keeps readable (its {@code --prune-history} number). */
    public static final int KEPT_STATES = 16;
    /** System property naming the anvil executable; wins over every other location. */
    public static final String BINARY_PROPERTY = "framegrid.anvil";
    /** Environment variable naming the anvil executable, used when the system property is absent. */
    public static final String BINARY_ENV = "FRAMEGRID_ANVIL";
    /** Where npm puts the binary, relative to this module's directory. */
    public static final Path NPM_BINARY = Path.of("node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
    /** This module's directory relative to the repository root. */
    static final Path MODULE_DIR = Path.of("chain-bundle", "org.framegrid.chain.contracts");

    private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+):(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String url;
    private final Web3j web3j;
    private final HttpService service;
    private final ScheduledExecutorService polling;
    private final List<Credentials> accounts;
    private final long chainId;
    private final Thread shutdownHook;

    private Anvil(Process process, String url, List<Credentials> accounts, Thread shutdownHook) throws IOException {
        this.process = process;
        this.url = url;
        this.accounts = List.copyOf(accounts);
        this.service = new HttpService(url);
        this.polling = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anvil-poll-" + process.pid());
            t.setDaemon(true);
            return t;
        });
        // web3j polls receipts and filters every 15 s by default; a local node answers in milliseconds.
        this.web3j = Web3j.build(service, 20, polling);
        this.shutdownHook = shutdownHook;
        this.chainId = awaitChainId();
    }

    /** Starts anvil from {@link #locateBinary()} with no extra arguments. */
    public static Anvil start() throws IOException {
        return start(locateBinary(), List.of());
    }

    /** Starts anvil from {@link #locateBinary()} with more arguments, e.g. {@code List.of("--block-time", "1")}. */
    public static Anvil start(List<String> extraArgs) throws IOException {
        return start(locateBinary(), extraArgs);
    }

    /**
     * Starts {@code binary} on a free 127.0.0.1 port and waits until it answers {@code eth_chainId}.
     *
     * @param binary    the anvil executable
     * @param extraArgs more anvil arguments, e.g. {@code --accounts 20} or {@code --block-time 1}
     * @throws IOException if it cannot be started or does not answer within 30 s
     */
    public static Anvil start(Path binary, List<String> extraArgs) throws IOException {
        if (!Files.isExecutable(binary)) {
            throw new IOException("anvil binary " + binary + " is missing or not executable");
        }
        Path config = Files.createTempFile("anvil-", ".json");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--host", "127.0.0.1", "--port", "0", "--hardfork", "cancun",
                "--prune-history", String.valueOf(KEPT_STATES),
                // The dev accounts and their keys, read back below instead of hard-coding the well-known mnemonic.
                "--config-out", config.toString()));
        command.addAll(extraArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // At once, before anything slow (reading its port, loading the HTTP client's classes): a JVM that exits
        // meanwhile (a node stopped while its devchain starts) must not leave this process behind.
        Thread shutdownHook = new Thread(() -> destroy(process), "anvil-shutdown-" + process.pid());
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            destroy(process);
            Files.deleteIfExists(config);
            throw new IOException("not starting anvil: the JVM is shutting down");
        }
        try {
            int port = awaitPort(process);
            List<Credentials> accounts = readAccounts(config);
            return new Anvil(process, "http://127.0.0.1:" + port, accounts, shutdownHook);
        } catch (IOException | RuntimeException e) {
            destroy(process);
            removeHook(shutdownHook);
            throw e;
        } finally {
            Files.deleteIfExists(config);
        }
    }

    /**
     * Finds the anvil executable: the {@value #BINARY_PROPERTY} system property, else the {@value #BINARY_ENV}
     * environment variable, else npm's copy in this module's {@code node_modules} searched from the working directory
     * upwards (so tests of any module in the repository find it).
     *
     * @throws IllegalStateException naming every place looked at, if none has it
     */
    public static Path locateBinary() {
        String configured = System.getProperty(BINARY_PROPERTY, System.getenv(BINARY_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve(NPM_BINARY),
                    dir.resolve("..").resolve("org.framegrid.chain.contracts").resolve(NPM_BINARY).normalize(),
                    dir.resolve(MODULE_DIR).resolve(NPM_BINARY))) {
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
                tried.add(candidate);
            }
        }
        throw new IllegalStateException("no anvil binary: set -D" + BINARY_PROPERTY + "=PATH or " + BINARY_ENV
                + ", or build " + MODULE_DIR + " (npm ci installs it); looked at " + tried);
    }

    /** JSON-RPC over HTTP, e.g. {@code http://127.0.0.1:40123}; WebSocket is served on the same port. */
    public String url() {
        return url;
    }

    /** The chain id anvil answered with (31337 unless changed with {@code --chain-id}). */
    public long chainId() {
        return chainId;
    }

    /** A web3j client for this node with 20 ms polling, shut down by {@link #close()}. */
    public Web3j web3j() {
        return web3j;
    }

    /** The pre-funded dev accounts (10 by default, 10,000 ETH each), in anvil's order. */
    public List<Credentials> accounts() {
        return accounts;
    }

    /** Mines {@code blocks} empty blocks at once ({@code anvil_mine}). */
    public void mine(long blocks) throws IOException {
        if (blocks < 0) {
            throw new IllegalArgumentException("cannot mine " + blocks + " blocks");
        }
        if (blocks > 0) {
            call("anvil_mine", List.of("0x" + Long.toHexString(blocks)), StringResponse.class);
        }
    }

    /**
     * Turns mining on every transaction on or off ({@code evm_setAutomine}); while off, transactions wait for
     * {@link #mine(long)}.
     */
    public void setAutomine(boolean on) throws IOException {
        call("evm_setAutomine", List.of(on), StringResponse.class);
    }

    /** The latest block number. */
    public long blockNumber() throws IOException {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    /** Takes a state snapshot ({@code evm_snapshot}); a snapshot can be reverted to once. */
    public String snapshot() throws IOException {
        return call("evm_snapshot", List.of(), StringResponse.class).getResult();
    }

    /** Reverts to {@code snapshotId} ({@code evm_revert}); fails if anvil does not know it. */
    public void revert(String snapshotId) throws IOException {
        Boolean ok = call("evm_revert", List.of(snapshotId), BooleanResponse.class).getResult();
        if (!Boolean.TRUE.equals(ok)) {
            throw new IOException("anvil could not revert to snapshot " + snapshotId);
        }
    }

    /** Sets an account's ETH balance ({@code anvil_setBalance}). */
    public void setBalance(String address, BigInteger wei) throws IOException {
        call("anvil_setBalance", List.of(address, "0x" + wei.toString(16)), StringResponse.class);
    }

    /** Stops the node and the client. Idempotent. */
    @Override
    public void close() {
        web3j.shutdown();
        destroy();
        removeHook(shutdownHook);
    }

    private static void removeHook(Thread shutdownHook) {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; the process is gone either way.
        }
    }

    private void destroy() {
        destroy(process);
    }

    private static void destroy(Process process) {
        // anvil has no children today; kill any it might get so that nothing outlives us.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private <T extends Response<?>> T call(String method, List<?> params, Class<T> type) throws IOException {
        T response = new Request<>(method, params, service, type).send();
        if (response.hasError()) {
            throw new IOException(method + " failed: " + response.getError().getMessage());
        }
        return response;
    }

    /**
     * Reads anvil's output until it prints its port, then keeps draining it on a daemon thread: a full pipe would
     * block anvil.
     */
    private static int awaitPort(Process process) throws IOException {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder head = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!port.isDone()) {
                        if (head.length() < 4000) {
                            head.append(line).append('\n');
                        }
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(2)));
                        }
                    }
                }
            } catch (IOException e) {
                // The stream closes when anvil exits; the waiter below reports it.
            }
            port.completeExceptionally(new IOException("anvil exited before listening: " + head));
        }, "anvil-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("anvil did not print its port within " + START_TIMEOUT + ": " + head);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting anvil", e);
        }
    }

    private long awaitChainId() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("anvil exited with " + process.exitValue() + " before answering eth_chainId");
            }
            try {
                return web3j.ethChainId().send().getChainId().longValueExact();
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(10); // polling with a deadline: the port is bound before the RPC server answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for anvil", e);
            }
        }
        close();
        throw new IOException("anvil at " + url + " did not answer eth_chainId within " + START_TIMEOUT, last);
    }

    private static List<Credentials> readAccounts(Path config) throws IOException {
        JsonNode keys = new ObjectMapper().readTree(config.toFile()).path("private_keys");
        if (!keys.isArray() || keys.isEmpty()) {
            throw new IOException("anvil wrote no private_keys to " + config);
        }
        List<Credentials> accounts = new ArrayList<>();
        keys.forEach(k -> accounts.add(Credentials.create(Objects.requireNonNull(k.asText()))));
        return accounts;
    }

    /** A JSON-RPC result that is a string (or ignored). */
    public static final class StringResponse extends Response<String> {
    }

    /** A JSON-RPC result that is a boolean. */
    public static final class BooleanResponse extends Response<Boolean> {
    }
}
