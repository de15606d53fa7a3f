package org.framegrid.chain.web3j.internal;

import java.nio.charset.StandardCharsets;

import org.framegrid.chain.api.ChainException;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Hash;

/**
 * Contracts found through the Controller when they are needed: the treasury and governance contracts (LIP-89/91),
 * which a deployment before them does not have, so the connection does not insist on them.
 */
final class Registered {

    static final String TREASURY = "Treasury";
    static final String BONDING_VOTES = "BondingVotes";
    static final String LIVEPEER_GOVERNOR = "LivepeerGovernor";

    private Registered() {
    }

    /**
     * @return the address the Controller holds for {@code name} ({@code getContract(keccak256(name))}), lower-case
     * @throws ChainException naming the contract when none is registered
     */
    static String address(ChainClient chain, String name) throws ChainException {
        String controller = chain.addresses().controller();
        String address = chain.callAddress(controller, "getContract",
                new Bytes32(Hash.sha3(name.getBytes(StandardCharsets.UTF_8))));
        if (address.equals(ChainClient.ZERO_ADDRESS)) {
            throw new ChainException(name, "the Controller at " + controller + " has no " + name
                    + " registered (a deployment before Livepeer's treasury and governance)", false);
        }
        return address;
    }
}
