package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * A real devchain for one test class: anvil with our contracts deployed by {@link Devchain}, and a {@link ChainClient} per
 * dev account (account 0 is the deployer and genesis holder; the Treasury owns the Controller, as on the node's
 * devchain, unless the fixture is made for an owner).
 */
final class Fixture implements AutoCloseable {

    static final BigInteger LPT = BigInteger.TEN.pow(18);

    final Devchain devchain;
    private final List<ChainClient> opened = new ArrayList<>();

    Fixture(ProtocolParameters parameters) throws ChainException {
        this(parameters, true);
    }

    /** @param governed {@code false}: account 0 keeps the Controller (to pause the protocol, say) */
    Fixture(ProtocolParameters parameters, boolean governed) throws ChainException {
        this.devchain = Devchain.start(Devchain.locateAnvil(null), parameters, governed);
    }

    /** A connection signing for dev account {@code index}, closed with the fixture. */
    ChainClient chain(int index) throws ChainException {
        ChainClient chain = ChainClient.connect(devchain.url(), devchain.controller(), Account.of(devchain.accounts().get(index)),
                Duration.ofMillis(5), null);
        opened.add(chain);
        return chain;
    }

    String address(int index) {
        return devchain.accounts().get(index).getAddress();
    }

    long advanceRounds(int rounds) throws ChainException {
        return DevchainControl.advanceRounds(chain(0), rounds);
    }

    long round(ChainClient chain) throws ChainException {
        return chain.callUint(chain.addresses().roundsManager(), "currentRound").longValueExact();
    }

    /** Number of {@code Reward} events the orchestrator got in {@code round} (read from the logs). */
    static int rewardEvents(ChainClient chain, String orchestrator, long round, long roundLength) throws ChainException {
        int count = 0;
        for (Long block : chain.logs().blocksOf(chain.addresses().bondingManager(),
                org.web3j.abi.EventEncoder.encode(RoundKeeper.REWARD), orchestrator)) {
            if (block / roundLength == round) {
                count++;
            }
        }
        return count;
    }

    static long lastRewardRound(ChainClient chain, String orchestrator) throws ChainException {
        List<Type> t = chain.call(chain.addresses().bondingManager(), "getTranscoder", List.of(new Address(orchestrator)),
                List.of(new TypeReference<Uint256>() {
                }));
        return ((BigInteger) t.get(0).getValue()).longValueExact();
    }

    @Override
    public void close() {
        opened.forEach(ChainClient::close);
        devchain.close();
    }
}
