package org.framegrid.demo.internal.latency;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.framegrid.chain.api.Units;
import org.framegrid.demo.internal.DemoChain;
import org.framegrid.demo.internal.NodeProcesses;
import org.framegrid.demo.internal.RoleFiles;
import org.framegrid.payment.api.ticket.TicketChain;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The network the bench measures, as the demo builds it: the devchain in this node with one orchestrator registered
 * and the gateway's ticket deposit funded, then the orchestrator and the gateway as their own processes
 * ({@code ./framegrid run --role}), paying with real tickets. Close it to stop the processes and the chain.
 */
final class BenchNetwork implements AutoCloseable {
    static final List<String> PIPELINES = List.of("live-passthrough", "faces", "scene");
    private static final BigInteger PRICE_PER_SECOND = new BigInteger("500000000000000");
    private static final BigInteger TICKET_EV = new BigInteger("100000000000000");
    private static final long REDEEM_GAS = 350_000;

    final URI gateway;
    final String orchestrator;
    private final DemoChain chain;
    private final NodeProcesses nodes;

    private BenchNetwork(URI gateway, String orchestrator, DemoChain chain, NodeProcesses nodes) {
        this.gateway = gateway;
        this.orchestrator = orchestrator;
        this.chain = chain;
        this.nodes = nodes;
    }

    static BenchNetwork start(BundleContext context, ConfigurationAdmin configurations, Path script, Path work)
            throws Exception {
        DemoChain chain = new DemoChain(context, configurations, 500, work.resolve("keys"));
        NodeProcesses nodes = new NodeProcesses(script, work);
        try {
            int[] ports = NodeProcesses.freePorts(2);
            String o = chain.orchestrator(0);
            chain.register(o, "1000", "10", "50", "http://127.0.0.1:" + ports[0]);
            String g = chain.gateway();
            chain.fundGateway("1", "1"); // as ./framegrid chain deposit 1 --reserve 1
            TicketChain tickets = chain.gatewayTickets();
            BigInteger gasCost = tickets.gasPrice().multiply(BigInteger.valueOf(REDEEM_GAS)).max(BigInteger.ONE);
            RoleFiles.Terms terms = new RoleFiles.Terms(PRICE_PER_SECOND, TICKET_EV, Math.max(1,
                    TICKET_EV.multiply(BigInteger.TEN).divide(gasCost).longValueExact()), REDEEM_GAS);
            RoleFiles.ChainEndpoint endpoint = new RoleFiles.ChainEndpoint(chain.chain.rpcUrl(),
                    chain.chain.controllerAddress());
            nodes.start("orchestrator", "bench-o1", RoleFiles.orchestrator("bench-o1", o, ports[0], PIPELINES, endpoint,
                    chain.keystore("bench-o1", o), chain.passwordFile(), chain.privateKey("bench-o1", o), terms));
            nodes.start("gateway", "bench-gateway", RoleFiles.gateway("bench-gateway", g, ports[1],
                    List.of(ports[0]), endpoint, chain.privateKey("bench-gateway", g), terms));
            URI gateway = URI.create("http://127.0.0.1:" + ports[1]);
            nodes.awaitHttp(URI.create("http://127.0.0.1:" + ports[0] + "/v1/info?sender=" + g), 200, "orchestrator",
                    240);
            nodes.awaitHttp(gateway.resolve("/v1/streams/ready-check"), 404, "gateway", 120);
            chain.devchain.advanceRounds(1); // the orchestrator's stake is active: its winning tickets redeem
            return new BenchNetwork(gateway, o, chain, nodes);
        } catch (Exception | Error e) {
            nodes.close();
            chain.close();
            throw e;
        }
    }

    @Override
    public void close() {
        nodes.close();
        chain.close();
    }
}
