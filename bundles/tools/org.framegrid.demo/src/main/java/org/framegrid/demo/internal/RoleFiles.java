package org.framegrid.demo.internal;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

/** The role files the demo's nodes run with ({@code ./framegrid run --role ROLE --config FILE}; README, "The demo"). */
public final class RoleFiles {

    /** What the demo's nodes agree on. */
    public record Terms(BigInteger pricePerSecond, BigInteger ticketEv, long faceValueMultiplier, long redeemGas) {

        /**
         * Terms whose tickets win about one time in {@code winOneIn}: the face value is {@code winOneIn} × EV, as a
         * multiple (at least 1) of the redemption's gas cost at {@code gasPrice}. A real orchestrator uses 100 × the
         * gas cost and a far smaller EV; the tools win often enough to show redemptions within minutes.
         */
        public static Terms winningOneIn(long winOneIn, BigInteger pricePerSecond, BigInteger ticketEv, long redeemGas,
                                         BigInteger gasPrice) {
            BigInteger gasCost = gasPrice.multiply(BigInteger.valueOf(redeemGas)).max(BigInteger.ONE);
            return new Terms(pricePerSecond, ticketEv, Math.max(1, ticketEv.multiply(BigInteger.valueOf(winOneIn))
                    .divide(gasCost).longValueExact()), redeemGas);
        }
    }

    /** The chain the nodes use: the demo's devchain. */
    public record ChainEndpoint(String rpcUrl, String controller) {
    }

    private RoleFiles() {
    }

    /**
     * An orchestrator: one key for everything it sends on chain (its keystore for staking and rounds, the same key as
     * hex for ticket redemption; one sender in the node), offering {@code pipelines} over HTTPS with a certificate
     * bound to its address (its keystore signs it), with BlazeFace deployed.
     */
    public static String orchestrator(String name, String address, int port, List<String> pipelines, ChainEndpoint chain,
            Path keystore, Path password, Path hexKey, Terms terms) {
        return orchestrator(name, address, port, pipelines, chain, keystore, password, hexKey, terms, true);
    }

    /** An orchestrator as above; with {@code tls} false it serves plain HTTP (the bench's side-by-side run). */
    public static String orchestrator(String name, String address, int port, List<String> pipelines, ChainEndpoint chain,
            Path keystore, Path password, Path hexKey, Terms terms, boolean tls) {
        return orchestrator(name, address, port, pipelines, List.of("model-blazeface-front"), chain, keystore,
                password, hexKey, terms, tls);
    }

    /** An orchestrator over HTTPS with the model bundles {@code models} (from the node's models/) deployed. */
    public static String orchestrator(String name, String address, int port, List<String> pipelines,
            List<String> models, ChainEndpoint chain, Path keystore, Path password, Path hexKey, Terms terms) {
        return orchestrator(name, address, port, pipelines, models, chain, keystore, password, hexKey, terms, true);
    }

    /** The role file of all the above. */
    public static String orchestrator(String name, String address, int port, List<String> pipelines,
            List<String> models, ChainEndpoint chain, Path keystore, Path password, Path hexKey, Terms terms,
            boolean tls) {
        return String.join("\n",
                "# An orchestrator of the demo (written by the demo; run it with ./framegrid run --role orchestrator --config THIS)",
                "name = demo-" + name,
                "models = " + String.join(", ", models),
                "orchestrator.address = " + address,
                "orchestrator.port = " + port,
                "orchestrator.tls = " + tls,
                "orchestrator.pipelines = [" + String.join(", ", pipelines) + "]",
                "orchestrator.capacity = 2",
                "orchestrator.price.per.second.wei = " + terms.pricePerSecond(),
                "chain.rpc.url = " + chain.rpcUrl(),
                "chain.controller.address = " + chain.controller(),
                "chain.keystore.file = " + keystore,
                "chain.password.file = " + password,
                "chain.rounds.poll.millis = 250",
                "tickets.receiver.recipient.address = " + address,
                "tickets.receiver.store.file = data/payment/winning-tickets.mv",
                "tickets.receiver.ticket.ev = " + terms.ticketEv(),
                "tickets.receiver.face.value.multiplier = " + terms.faceValueMultiplier(),
                "tickets.receiver.redeem.gas = " + terms.redeemGas(),
                "tickets.receiver.params.validity.blocks = 100000",
                "tickets.chain.key.file = " + hexKey, "");
    }

    /** @return {@code roleFile} with the value of its line {@code key = ...} replaced by {@code value} */
    public static String with(String roleFile, String key, Object value) {
        String line = key + " = ";
        int at = roleFile.indexOf("\n" + line);
        if (at < 0) {
            throw new IllegalArgumentException("the role file has no " + key);
        }
        int end = roleFile.indexOf('\n', at + 1);
        return roleFile.substring(0, at + 1) + line + value + roleFile.substring(end);
    }

    /**
     * The gateway: it knows the orchestrators' URIs (HTTPS: their certificates are checked against the addresses they
     * registered with; the chain's pool is discovered too), signs tickets and reads its deposit with its hex key.
     */
    public static String gateway(String name, String address, int port, List<Integer> orchestratorPorts,
            ChainEndpoint chain, Path hexKey, Terms terms) {
        return gateway(name, address, port, orchestratorPorts.stream().map(p -> "https://127.0.0.1:" + p).toList(),
                chain, hexKey, terms, "# orchestrators over HTTPS only; the chain's pool is discovered as well");
    }

    /**
     * A gateway of the orchestrators at {@code uris} only (no discovery on chain); {@code plainHttp} lets it use
     * {@code http://} ones (the bench's side-by-side run).
     */
    public static String gateway(String name, String address, int port, List<String> uris, ChainEndpoint chain,
            Path hexKey, Terms terms, boolean plainHttp) {
        return gateway(name, address, port, uris, chain, hexKey, terms,
                "gateway.discovery.chain = false\ngateway.allow.plain.http = " + plainHttp);
    }

    private static String gateway(String name, String address, int port, List<String> uris, ChainEndpoint chain,
            Path hexKey, Terms terms, String network) {
        return String.join("\n",
                "# The demo's gateway (written by the demo; run it with ./framegrid run --role gateway --config THIS)",
                "name = demo-" + name,
                "gateway.address = " + address,
                "gateway.port = " + port,
                "gateway.orchestrators = [" + String.join(", ", uris) + "]",
                network,
                "gateway.max.price.per.second.wei = " + terms.pricePerSecond().multiply(BigInteger.TWO),
                "gateway.payment.interval.millis = 2000",
                "chain.rpc.url = " + chain.rpcUrl(),
                "chain.controller.address = " + chain.controller(),
                "tickets.sender.key.file = " + hexKey,
                "tickets.chain.key.file = " + hexKey, "");
    }
}
