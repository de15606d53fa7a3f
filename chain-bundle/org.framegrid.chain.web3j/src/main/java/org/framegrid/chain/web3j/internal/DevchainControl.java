package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.DevchainService;
import org.framegrid.chain.api.StakingService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * {@link DevchainService}: time travel on the node's own devchain (anvil's {@code anvil_mine}), and its funded
 * development accounts (staking as them through the client's one sender per account, their keys as files). Only
 * active when the chain is the devchain; never offered for a configured chain.
 */
@Component(name = "org.framegrid.chain.devchain", service = DevchainService.class, configurationPid = ChainConnection.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class DevchainControl implements DevchainService {

    private final ChainClient chain;

    @Activate
    public DevchainControl(@Reference(name = "chain", target = "(" + ChainConnection.DEVCHAIN + "=true)") ChainClient chain) {
        this.chain = chain;
    }

    @Override
    public void mineBlocks(long blocks) throws ChainException {
        mine(chain, blocks);
    }

    @Override
    public long advanceRounds(int rounds) throws ChainException {
        return advanceRounds(chain, rounds);
    }

    @Override
    public List<String> accounts() throws ChainException {
        return accounts(chain);
    }

    @Override
    public StakingService stakingAs(String account) throws ChainException {
        return new Staking(chain, chain.sender(Account.of(key("staking", account))));
    }

    @Override
    public void exportKeystore(String account, Path keystoreFile, Path passwordFile) throws ChainException {
        KeyStoreFiles.write(keystoreFile, key("export-keystore", account).getEcKeyPair(), passwordFile);
    }

    @Override
    public void exportPrivateKey(String account, Path file) throws ChainException {
        String hex = Numeric.toHexStringNoPrefixZeroPadded(key("export-key", account).getEcKeyPair().getPrivateKey(),
                64);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, hex + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ChainException("export-key", "cannot write " + file + ": " + e.getMessage(), false);
        }
    }

    /** @return the key of a funded development account of the devchain behind this client */
    private Credentials key(String operation, String account) throws ChainException {
        String address = ChainClient.checkAddress(operation, account);
        Devchain devchain = chain.devchain();
        if (devchain != null) {
            for (Credentials key : devchain.accounts()) {
                if (key.getAddress().equalsIgnoreCase(address)) {
                    return key;
                }
            }
        }
        throw new ChainException(operation, address + " is not one of the devchain's accounts " + accounts(), false);
    }

    static void mine(ChainClient chain, long blocks) throws ChainException {
        if (blocks < 0) {
            throw new ChainException("mine", "cannot mine " + blocks + " blocks", false);
        }
        if (blocks > 0) {
            chain.rpc("mine", "anvil_mine", List.of("0x" + Long.toHexString(blocks)));
        }
    }

    /** Mines to the first block of the round {@code rounds} ahead and initialises it unless someone already did. */
    static long advanceRounds(ChainClient chain, int rounds) throws ChainException {
        if (rounds < 1) {
            throw new ChainException("advance-rounds", "rounds must be 1 or more, got " + rounds, false);
        }
        String roundsManager = chain.addresses().roundsManager();
        long length = chain.callUint(roundsManager, "roundLength").longValueExact();
        long target = chain.callUint(roundsManager, "currentRound").longValueExact() + rounds;
        // Up to the round's first block, so that both calls (at the latest block) and the next transaction see it.
        mine(chain, target * length - chain.blockNumber());
        // The node's round keeper may initialise the round at the same moment: then our transaction reverts, or anvil
        // (pruning history) answers for a block that is already gone. Look again, a bounded number of times.
        ChainException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                if (chain.callBool(roundsManager, "currentRoundInitialized")) {
                    return chain.callUint(roundsManager, "currentRound").longValueExact();
                }
                chain.send("advance-rounds", roundsManager, "initializeRound");
                return chain.callUint(roundsManager, "currentRound").longValueExact();
            } catch (ChainException e) {
                last = e;
            }
        }
        throw last;
    }

    static List<String> accounts(ChainClient chain) throws ChainException {
        List<String> accounts = new ArrayList<>();
        if (chain.account() != null) {
            accounts.add(chain.account());
        }
        for (String address : chain.nodeAccounts()) {
            if (!accounts.contains(address)) {
                accounts.add(address);
            }
        }
        return accounts;
    }
}
