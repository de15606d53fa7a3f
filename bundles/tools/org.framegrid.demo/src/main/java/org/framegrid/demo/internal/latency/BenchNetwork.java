package org.framegrid.demo.internal.latency;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.framegrid.chain.api.Units;
import org.framegrid.demo.internal.DemoChain;
import org.framegrid.demo.internal.DriverNode;
import org.framegrid.demo.internal.NodeProcesses;
import org.framegrid.demo.internal.RoleFiles;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.trickle.tls.NodeTrust;

/**
 * The networks the bench measures, as the demo builds them, side by side: the devchain in this node with two
 * orchestrators registered and the gateway's ticket deposit funded, then, as their own processes
 * ({@code ./framegrid run --role}), one orchestrator and its gateway over TLS (the default: a certificate bound to the
 * orchestrator's address) and one pair over plain HTTP (the opt-out), paying with real tickets. Close it to stop the
 * processes and the chain.
 *
 * @param gateway      the gateway whose orchestrator is reached over TLS
 * @param plainGateway the gateway whose orchestrator is reached over plain HTTP
 * @param trust        trust in the orchestrators' certificates (the app follows a session's events channel there)
 * @param chain        the devchain in this node
 * @param nodes        the orchestrators' and gateways' processes
 */
record BenchNetwork(URI gateway, URI plainGateway, NodeTrust trust, DemoChain chain, NodeProcesses nodes)
        implements AutoCloseable {
    static final List<String> PIPELINES = List.of("live-passthrough", "faces", "scene");
    private static final BigInteger PRICE_PER_SECOND = new BigInteger("500000000000000");
    private static final BigInteger TICKET_EV = new BigInteger("100000000000000");
    private static final long REDEEM_GAS = 350_000;

    static BenchNetwork start(DriverNode node, Path script, Path work) throws Exception {
        DemoChain chain = new DemoChain(node, 500, work.resolve("keys"));
        NodeTrust trust = chain.trust();
        NodeProcesses nodes = new NodeProcesses(script, work, trust.context());
        try {
            int[] ports = NodeProcesses.freePorts(4);
            String g = chain.gateway();
            chain.fundGateway("1", "1"); // as ./framegrid chain deposit 1 --reserve 1
            TicketChain tickets = chain.gatewayTickets();
            RoleFiles.Terms terms = RoleFiles.Terms.winningOneIn(10, PRICE_PER_SECOND, TICKET_EV, REDEEM_GAS,
                    tickets.gasPrice());
            RoleFiles.ChainEndpoint endpoint = chain.endpoint();
            URI[] gateways = new URI[2];
            for (int i = 0; i < 2; i++) {
                boolean tls = i == 0;
                String o = chain.orchestrator(i);
                String name = tls ? "bench-o1" : "bench-o1-plain";
                URI uri = URI.create((tls ? "https" : "http") + "://127.0.0.1:" + ports[i]);
                chain.register(o, "1000", "10", "50", uri.toString());
                trust.expect(uri, o);
                nodes.start("orchestrator", name, RoleFiles.orchestrator(name, o, ports[i], PIPELINES, endpoint,
                        chain.keystore(name, o), chain.passwordFile(), chain.privateKey(name, o), terms, tls));
                String gName = tls ? "bench-gateway" : "bench-gateway-plain";
                nodes.start("gateway", gName, RoleFiles.gateway(gName, g, ports[2 + i], List.of(uri.toString()),
                        endpoint, chain.privateKey(gName, g), terms, !tls));
                gateways[i] = URI.create("http://127.0.0.1:" + ports[2 + i]);
                nodes.awaitHttp(uri.resolve("/v1/info?sender=" + g), 200, "orchestrator " + name, 240);
                // Its warm-up at start (every offered pipeline once) is over before anything is measured.
                nodes.awaitWarm(uri.resolve("/v1/info"), "orchestrator " + name, 240);
            }
            for (URI gateway : gateways) {
                nodes.awaitHttp(gateway.resolve("/v1/streams/ready-check"), 404, "gateway", 120);
            }
            chain.devchain.advanceRounds(1); // the orchestrators' stake is active: their winning tickets redeem
            return new BenchNetwork(gateways[0], gateways[1], trust, chain, nodes);
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
