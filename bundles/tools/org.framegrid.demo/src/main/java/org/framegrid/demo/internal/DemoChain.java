package org.framegrid.demo.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.ChainService;
import org.framegrid.chain.api.DevchainService;
import org.framegrid.chain.api.Signatures;
import org.framegrid.chain.api.StakingService;
import org.framegrid.chain.api.TxResult;
import org.framegrid.chain.api.Units;
import org.framegrid.payment.api.ticket.RedeemedTickets;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.trickle.tls.NodeTrust;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;

/**
 * The demo's chain, set up through the node's chain services in this JVM: the devchain (short rounds), three
 * orchestrators registered and a delegator bonded to each (staking as the devchain's accounts), the gateway's ticket
 * deposit funded (the ticket broker service acting for the gateway's key), and the keys the nodes get as files.
 */
public final class DemoChain implements AutoCloseable {
    private static final String CHAIN_PID = "org.framegrid.chain";
    private static final String TICKETS_CHAIN_PID = "framegrid.payment.tickets.chain";
    private static final String PASSWORD = "demo";
    private static final int FIRST_ORCHESTRATOR = 1;
    private static final int FIRST_DELEGATOR = 4;
    private static final int GATEWAY = 7;

    private final DriverNode node;
    private final Path keys;
    private final List<Configuration> configured = new ArrayList<>();
    public final ChainService chain;
    final StakingService staking;
    public final DevchainService devchain;
    /** Recovers the orchestrators' certificate bindings (this node's chain, read-only for them). */
    final Signatures signatures;
    final List<String> accounts;

    /** Starts the devchain with {@code roundLength}-block rounds and waits for its services. */
    public DemoChain(DriverNode node, long roundLength, Path keys)
            throws IOException, InterruptedException, ChainException {
        this.node = node;
        this.keys = keys;
        configure(CHAIN_PID, Map.of("devchain.round.length", roundLength,
                "rounds.reward", false)); // account 0 is the deployer, not an orchestrator
        this.chain = await(ChainService.class, 90);
        this.staking = await(StakingService.class, 30);
        this.devchain = await(DevchainService.class, 30);
        this.signatures = await(Signatures.class, 30);
        this.accounts = devchain.accounts();
    }

    public String orchestrator(int index) {
        return accounts.get(FIRST_ORCHESTRATOR + index);
    }

    String delegator(int index) {
        return accounts.get(FIRST_DELEGATOR + index);
    }

    public String gateway() {
        return accounts.get(GATEWAY);
    }

    /** @return trust in the orchestrators' bound certificates, as their gateway has it */
    public NodeTrust trust() {
        return new NodeTrust(signatures::signer);
    }

    /** @return the devchain as the nodes' role files name it */
    public RoleFiles.ChainEndpoint endpoint() {
        return new RoleFiles.ChainEndpoint(chain.rpcUrl(), chain.controllerAddress());
    }

    /** Bonds {@code stake} LPT to itself and registers as an orchestrator, printing each transaction. */
    public void register(String orchestrator, String stake, String rewardCut, String feeShare, String serviceUri)
            throws ChainException {
        StakingService as = devchain.stakingAs(orchestrator);
        BigInteger amount = Units.parseTokens(stake);
        long cut = Units.parsePercentPpm(rewardCut);
        long share = Units.parsePercentPpm(feeShare);
        printTx(as.bond(amount, as.account()), "bonded " + Units.formatTokens(amount, 2) + " LPT to yourself");
        printTx(as.registerOrchestrator(cut, share, serviceUri), "registered " + as.account() + " (reward cut "
                + Units.formatPercentPpm(cut, 2) + ", fee share " + Units.formatPercentPpm(share, 2) + ")");
    }

    /** Bonds {@code stake} LPT of {@code delegator} to {@code orchestrator}, printing the transaction. */
    void bond(String delegator, String stake, String orchestrator) throws ChainException {
        BigInteger amount = Units.parseTokens(stake);
        printTx(devchain.stakingAs(delegator).bond(amount, orchestrator), "bonded " + Units.formatTokens(amount, 2)
                + " LPT to " + orchestrator);
    }

    private static void printTx(TxResult result, String what) {
        System.out.println(what + " (tx " + result.hash() + ", block " + result.blockNumber() + ", gas "
                + result.gasUsed() + ")");
    }

    /**
     * Funds the gateway's ticket deposit and reserve as its operator would: {@code framegrid chain deposit ETH
     * --reserve ETH} with the gateway's keystore, run by the node's own chain tool in this JVM (the same code path,
     * its simulation before the transaction and its one-line errors included).
     *
     * @throws IllegalStateException with the tool's exit status when it fails (its line is on the console)
     */
    public void fundGateway(String depositEth, String reserveEth) throws ChainException, IOException,
            InterruptedException {
        String gateway = gateway();
        List<String> args = List.of("deposit", depositEth, "--reserve", reserveEth, "--rpc", chain.rpcUrl(),
                "--controller", chain.controllerAddress(), "--keystore", keystore("gateway", gateway).toString(),
                "--password-file", passwordFile().toString());
        Function<List<String>, Integer> tool = awaitTool("chain", 30);
        int status = tool.apply(args);
        if (status != 0) {
            throw new IllegalStateException("framegrid chain deposit for the gateway ended with status " + status);
        }
    }

    @SuppressWarnings("unchecked")
    private Function<List<String>, Integer> awaitTool(String name, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                for (ServiceReference<Function> ref : node.context().getServiceReferences(Function.class,
                        "(framegrid.tool=" + name + ")")) {
                    Function<List<String>, Integer> tool = node.context().getService(ref);
                    if (tool != null) {
                        return tool; // released when the tool's framework stops
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(name, e);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the node's '" + name + "' tool did not appear within " + seconds + " s");
    }

    /** @return the ticket broker acting for the gateway's key (which it funds the deposit with) */
    public TicketChain gatewayTickets() throws IOException, InterruptedException, ChainException {
        configure(TICKETS_CHAIN_PID, Map.of("key.file", privateKey("gateway", gateway()).toString()));
        return await(TicketChain.class, 30);
    }

    /** Writes {@code account}'s key as hex (the ticket components' key.file) into the demo's key folder. */
    public Path privateKey(String name, String account) throws ChainException {
        Path file = keys.resolve(name + ".key");
        devchain.exportPrivateKey(account, file);
        return file;
    }

    /** Writes {@code account}'s key as an encrypted keystore (the chain's keystore.file). */
    public Path keystore(String name, String account) throws ChainException, IOException {
        Path file = keys.resolve(name + ".json");
        devchain.exportKeystore(account, file, passwordFile());
        return file;
    }

    /** The keystores' password file. */
    public Path passwordFile() throws IOException {
        Path file = keys.resolve("password.txt");
        Files.createDirectories(keys);
        Files.writeString(file, PASSWORD + "\n");
        return file;
    }

    /** @return count and total of what the TicketBroker paid each orchestrator that won, in their order */
    static Map<String, RedeemedTickets> redeemed(TicketChain tickets, List<String> orchestrators) {
        Map<String, RedeemedTickets> won = new java.util.LinkedHashMap<>();
        for (String o : orchestrators) {
            RedeemedTickets r = tickets.redeemed(o);
            if (r.tickets() > 0) {
                won.put(o, r);
            }
        }
        return won;
    }

    private void configure(String pid, Map<String, Object> values) throws IOException {
        Configuration configuration = node.configurations().getConfiguration(pid, "?");
        Dictionary<String, Object> properties = new Hashtable<>(values);
        configuration.update(properties);
        configured.add(configuration);
    }

    private <T> T await(Class<T> type, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            ServiceReference<T> ref = node.context().getServiceReference(type);
            if (ref != null) {
                T service = node.context().getService(ref);
                if (service != null) {
                    return service; // released when the tool's framework stops
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(type.getSimpleName() + " did not appear within " + seconds
                + " s (the devchain did not start; the node's log says why)");
    }

    /** Removes the configurations: the devchain and the ticket broker stop with them. */
    @Override
    public void close() {
        for (int i = configured.size() - 1; i >= 0; i--) {
            try {
                configured.get(i).delete();
            } catch (IOException e) {
                // they stop with the tool's framework anyway
            }
        }
    }
}
