package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.DevchainService;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.junit.jupiter.api.Test;

/** The devchain as the node starts it: the spec's parameters, funded accounts, fast rounds, and stopped on close. */
class DevchainTest {

    @Test
    void specDevchainRunsRoundsOf5760BlocksAndStopsOnClose() throws Exception {
        Devchain devchain = Devchain.start(Devchain.locateAnvil(null), ProtocolParameters.defaults());
        String url = devchain.url();
        try (ChainClient chain = ChainClient.connect(url, devchain.controller(), Account.of(devchain.nodeAccount()),
                Duration.ofMillis(5), devchain)) {
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            assertEquals(5_760, chain.callUint(chain.addresses().roundsManager(), "roundLength").longValueExact());
            Staking staking = new Staking(chain);
            DevchainService control = new DevchainControl(chain);
            assertEquals(devchain.accounts().size(), control.accounts().size());
            BigInteger funded = Devchain.FUNDED_TOKENS;
            for (String account : control.accounts().subList(1, control.accounts().size())) {
                assertEquals(funded, staking.tokenBalance(account), account);
            }
            BigInteger others = funded.multiply(BigInteger.valueOf(control.accounts().size() - 1L));
            assertEquals(ProtocolParameters.SEED_SUPPLY.subtract(others), staking.tokenBalance(chain.account()));
            // Governed on chain: the Treasury, which executes passed proposals, owns the Controller.
            assertEquals(Registered.address(chain, Registered.TREASURY),
                    chain.callAddress(chain.addresses().controller(), "owner"));

            long round = control.advanceRounds(2);
            // Mined up to the round's first block; its initialisation is the next block.
            assertEquals(round * 5_760 + 1, chain.blockNumber());
            assertTrue(chain.callBool(chain.addresses().roundsManager(), "currentRoundInitialized"));
            ChainException twice = assertThrows(ChainException.class,
                    () -> chain.send("initializeRound", chain.addresses().roundsManager(), "initializeRound"));
            assertEquals("initializeRound: RoundsManager: round already initialized", twice.getMessage());
            control.mineBlocks(round * 5_760 + 5_759 - chain.blockNumber()); // the round's last block
            assertEquals(round, chain.callUint(chain.addresses().roundsManager(), "currentRound").longValueExact());
            control.mineBlocks(1);
            assertEquals(round + 1, chain.callUint(chain.addresses().roundsManager(), "currentRound").longValueExact());
        }
        // Closing the chain closed the devchain it was handed: nothing answers at the URL any more.
        ChainException gone = assertThrows(ChainException.class,
                () -> ChainClient.connect(url, "0x0000000000000000000000000000000000000001", null, Duration.ofMillis(5), null));
        assertTrue(gone.getMessage().startsWith("connect: no Ethereum JSON-RPC node answers at " + url), gone.getMessage());
    }
}
