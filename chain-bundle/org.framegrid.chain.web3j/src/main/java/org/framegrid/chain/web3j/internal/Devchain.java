package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.contracts.Anvil;
import org.framegrid.chain.contracts.ProtocolAddresses;
import org.framegrid.chain.contracts.ProtocolDeployer;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.web3j.crypto.Credentials;

/**
 * The node's own development chain: anvil on a free 127.0.0.1 port with the protocol deployed by the first dev
 * account (the node's account), which holds the genesis supply and gives {@link #FUNDED_TOKENS} to each other dev
 * account. Its protocol parameters are governed on chain: the deployer hands the Controller to the Treasury, the
 * timelock that executes passed proposals, so `chain propose` ... `chain execute` can change any of them, and no
 * key (least of all anvil's public ones) can change them directly. {@link #close()} stops anvil.
 */
final class Devchain implements AutoCloseable {

    /** LPT each dev account other than the first gets: enough to bond, delegate and try things. */
    static final BigInteger FUNDED_TOKENS = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(100_000));

    private final Anvil anvil;
    private final ProtocolAddresses addresses;

    private Devchain(Anvil anvil, ProtocolAddresses addresses) {
        this.anvil = anvil;
        this.addresses = addresses;
    }

    /** Starts anvil from {@code binary} and deploys the protocol with {@code parameters}, governed on chain. */
    static Devchain start(Path binary, ProtocolParameters parameters) throws ChainException {
        return start(binary, parameters, true);
    }

    /**
     * @param governed whether the Treasury gets the Controller (as the node runs it), or the deployer keeps it (for
     *                 tests of what only an owner can do, such as pausing the protocol)
     */
    static Devchain start(Path binary, ProtocolParameters parameters, boolean governed) throws ChainException {
        Anvil anvil;
        try {
            anvil = Anvil.start(binary, List.of());
        } catch (IOException | RuntimeException e) {
            throw new ChainException("devchain", "cannot start anvil (" + binary + "): " + e.getMessage(), false, e);
        }
        try {
            ProtocolAddresses addresses = deploy(anvil, parameters, governed);
            return new Devchain(anvil, addresses);
        } catch (ChainException | RuntimeException e) {
            anvil.close();
            throw e;
        }
    }

    private static ProtocolAddresses deploy(Anvil anvil, ProtocolParameters parameters, boolean governed)
            throws ChainException {
        Credentials owner = anvil.accounts().get(0);
        ProtocolAddresses addresses;
        try {
            addresses = ProtocolDeployer.deploy(anvil, parameters);
        } catch (Exception e) {
            throw new ChainException("devchain", "deploying the protocol failed: " + e.getMessage(), false, e);
        }
        // Fund the other dev accounts with LPT from the genesis supply (total supply stays the genesis supply).
        try (ChainClient chain = ChainClient.connect(anvil.url(), addresses.controller(), Account.of(owner),
                java.time.Duration.ofMillis(5), null)) {
            BigInteger each = FUNDED_TOKENS.min(parameters.genesisSupply().divide(BigInteger.valueOf(anvil.accounts().size())));
            for (Credentials account : anvil.accounts().subList(1, anvil.accounts().size())) {
                chain.send("devchain funding", addresses.livepeerToken(), "transfer",
                        new org.web3j.abi.datatypes.Address(account.getAddress()), new org.web3j.abi.datatypes.generated.Uint256(each));
            }
            // Ready to use at once: round 0 can never be initialised, so start in round 1, initialised.
            DevchainControl.advanceRounds(chain, 1);
            if (governed) {
                chain.send("devchain governance", addresses.controller(), "transferOwnership",
                        new org.web3j.abi.datatypes.Address(addresses.treasury()));
            }
        }
        return addresses;
    }

    /**
     * Where the devchain's anvil is: {@code ${framegrid.home}/chain/anvil} in a node folder, else what the contracts
     * library finds (the {@code framegrid.anvil} system property, or the build's npm copy).
     */
    static Path locateAnvil(String home) throws ChainException {
        if (home != null) {
            Path shipped = Path.of(home, "chain", "anvil");
            if (Files.isExecutable(shipped)) {
                return shipped;
            }
        }
        try {
            return Anvil.locateBinary();
        } catch (IllegalStateException e) {
            throw new ChainException("devchain", e.getMessage(), false);
        }
    }

    String url() {
        return anvil.url();
    }

    String controller() {
        return addresses.controller();
    }

    /** The node's account on the devchain: the first dev account (deployer and genesis holder). */
    Credentials nodeAccount() {
        return anvil.accounts().get(0);
    }

    List<Credentials> accounts() {
        return anvil.accounts();
    }

    Anvil anvil() {
        return anvil;
    }

    @Override
    public void close() {
        anvil.close();
    }
}
