package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Reverts.assertReverts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.framegrid.chain.contracts.generated.RoundsManager;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Production round length: a round turns over exactly every 5,760 blocks, and is initialised once. */
class RoundsTest {

    private static final long LENGTH = 5760;

    @Test
    void roundTurnsOverExactlyEvery5760BlocksAndInitialisesOnce() throws Exception {
        try (Protocol p = new Protocol(ProtocolParameters.defaults())) {
            RoundsManager rounds = p.rounds(0);
            assertEquals(BigInteger.valueOf(LENGTH), rounds.roundLength().send());
            for (long round = 1; round <= 3; round++) {
                // The last block of the previous round: still that round, already initialised.
                mineUntilNextTransactionLandsIn(p, round * LENGTH - 1);
                assertReverts(RevertReason.ROUNDS_ROUND_ALREADY_INITIALIZED, () -> rounds.initializeRound().send());

                // The reverted transaction took block round*5760-1, so this one is the round's first block.
                TransactionReceipt receipt = rounds.initializeRound().send();
                assertEquals(BigInteger.valueOf(round * LENGTH), receipt.getBlockNumber());
                RoundsManager.NewRoundEventResponse event = RoundsManager.getNewRoundEvents(receipt).get(0);
                assertEquals(BigInteger.valueOf(round), event.round);
                byte[] previousBlockHash = hexBytes(p.anvil.web3j().ethGetBlockByNumber(
                        DefaultBlockParameter.valueOf(BigInteger.valueOf(round * LENGTH - 1)), false)
                        .send().getBlock().getHash());
                assertArrayEquals(previousBlockHash, event.blockHash);
                assertArrayEquals(previousBlockHash, rounds.blockHashForRound(BigInteger.valueOf(round)).send());
                assertEquals(BigInteger.valueOf(round), rounds.lastInitializedRound().send());
                assertTrue(rounds.currentRoundInitialized().send());
                assertEquals(BigInteger.valueOf(round * LENGTH), rounds.currentRoundStartBlock().send());

                // Twice in one round reverts.
                assertReverts(RevertReason.ROUNDS_ROUND_ALREADY_INITIALIZED, () -> rounds.initializeRound().send());
            }
            // In the next round, before anyone initialises it, staking calls refuse to run.
            mineUntilNextTransactionLandsIn(p, 4 * LENGTH + 10);
            p.anvil.mine(1);
            assertFalse(rounds.currentRoundInitialized().send());
            assertReverts(RevertReason.BONDING_CURRENT_ROUND_IS_NOT_INITIALIZED,
                    () -> p.bonding(0).bond(BigInteger.ONE, p.address(0)).send());
        }
    }

    private static void mineUntilNextTransactionLandsIn(Protocol p, long block) throws Exception {
        long next = p.anvil.blockNumber() + 1;
        assertTrue(next <= block, "already past block " + block);
        p.anvil.mine(block - next);
    }

    private static byte[] hexBytes(String hex) {
        return org.web3j.utils.Numeric.hexStringToByteArray(hex);
    }
}
