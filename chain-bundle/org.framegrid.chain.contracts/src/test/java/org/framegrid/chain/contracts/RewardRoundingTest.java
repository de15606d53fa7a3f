package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;

import org.framegrid.chain.contracts.generated.BondingManager;
import org.framegrid.chain.contracts.generated.Controller;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Livepeer's reward rounding, worked by hand. Supply 1,000,000 LPT, 9,000 bonded (0.9% < 50%), so the rate steps
 * from 999,500 up to 1,000,000 per 10^9 and round 1 may mint exactly 1,000 LPT = 10^21 wei. Three orchestrators hold
 * 4,000, 3,500 and 1,500 LPT and call reward(). Each share is first truncated to billionths (MathUtils.percOf):
 * <pre>
 *   4,000 / 9,000 = 0.444444444|44...  -> 444,444,444 -> 10^21 * 444,444,444 / 10^9 = 444,444,444,000,000,000,000
 *   3,500 / 9,000 = 0.388888888|88...  -> 388,888,888 -> 388,888,888,000,000,000,000
 *   1,500 / 9,000 = 0.166666666|66...  -> 166,666,666 -> 166,666,666,000,000,000,000
 * </pre>
 * The exact shares are 4*10^21/9, 7*10^21/18 and 10^21/6 wei, so the remainders are 10^12 * 4/9, 8/9 and 6/9 wei,
 * which add up to 2 * 10^12: the round mints 999,999,998,000,000,000,000, that much less than its 10^21. (The old
 * exact multiplication minted 444,444,444,444,444,444,444 and so on, 10^21 - 2 in all.) Of each mint the treasury
 * takes 10% (10^26 per 10^27), truncated.
 */
class RewardRoundingTest {

    private static final BigInteger MINTABLE = new BigInteger("1000000000000000000000");
    private static final BigInteger[] STAKES = {lpt("4000"), lpt("3500"), lpt("1500")};
    private static final BigInteger[] MINTED = {new BigInteger("444444444000000000000"),
            new BigInteger("388888888000000000000"), new BigInteger("166666666000000000000")};
    private static final BigInteger TWO_TRILLION = new BigInteger("2000000000000");

    @Test
    void threeOrchestratorsMintTheirBillionthsAndTheRoundLeavesTheRemainders() throws Exception {
        ProtocolParameters params = ProtocolParameters.defaults().withRoundLength(100)
                .withGenesisSupply(lpt("1000000")).withInflation(999_500);
        try (Protocol p = new Protocol(params)) {
            for (int i = 0; i < 3; i++) {
                p.registerOrchestrator(i + 1, STAKES[i], 100_000, 500_000);
            }
            p.nextRound();
            assertEquals(BigInteger.valueOf(1_000_000), p.minter().inflation().send());
            assertEquals(MINTABLE, p.minter().currentMintableTokens().send());
            BigInteger total = lpt("9000");
            assertEquals(total, p.bonding(0).getTotalBonded().send());

            BigInteger mintedInAll = BigInteger.ZERO;
            BigInteger remainders = BigInteger.ZERO; // in wei, times `total` (the shares' common denominator)
            for (int i = 0; i < 3; i++) {
                TransactionReceipt r = p.bonding(i + 1).reward().send();
                BigInteger toTreasury = BondingManager.getTreasuryRewardEvents(r).get(0).amount;
                BigInteger reward = BondingManager.getRewardEvents(r).get(0).amount;
                assertEquals(MINTED[i], reward.add(toTreasury), "orchestrator " + (i + 1) + " mints its billionths");
                assertEquals(MINTED[i].divide(BigInteger.TEN), toTreasury);
                mintedInAll = mintedInAll.add(MINTED[i]);
                remainders = remainders.add(MINTABLE.multiply(STAKES[i]).subtract(MINTED[i].multiply(total)));
            }
            // Remainders 10^12 * (4 + 8 + 6) / 9 = 2 * 10^12, exactly what the round leaves unminted.
            assertEquals(TWO_TRILLION.multiply(total), remainders);
            assertEquals(MINTABLE.subtract(TWO_TRILLION), mintedInAll);
            assertEquals(mintedInAll, p.minter().currentMintedTokens().send());
            assertEquals(lpt("1000000").add(mintedInAll), p.token(0).totalSupply().send());
            assertEquals(mintedInAll.divide(BigInteger.TEN), p.token(0).balanceOf(p.addresses.treasury()).send());

            // The Minter reverts rather than mint past the round's amount (Livepeer's rule; it used to cap): seen
            // through a stand-in BondingManager, the remaining 2 * 10^12 wei is 2 billionths, and not one wei more.
            Controller asOwner = Controller.load(p.addresses.controller(), p.anvil.web3j(), p.manager(0),
                    ProtocolDeployer.DEV_GAS);
            asOwner.setContractInfo(ProtocolDeployer.contractId(ProtocolDeployer.BONDING_MANAGER), p.address(9),
                    new byte[20]).send();
            Reverts.assertReverts(RevertReason.MINTER_MINTED_TOKENS_CANNOT_EXCEED_MINTABLE_TOKENS,
                    () -> minterAs(p, 9).createReward(BigInteger.valueOf(3), BigInteger.valueOf(1_000_000_000)).send());
            minterAs(p, 9).createReward(BigInteger.TWO, BigInteger.valueOf(1_000_000_000)).send();
            assertEquals(MINTABLE, p.minter().currentMintedTokens().send());
            Reverts.assertReverts(RevertReason.MINTER_MINTED_TOKENS_CANNOT_EXCEED_MINTABLE_TOKENS,
                    () -> minterAs(p, 9).createReward(BigInteger.ONE, BigInteger.valueOf(1_000_000_000)).send());
        }
    }

    private static org.framegrid.chain.contracts.generated.Minter minterAs(Protocol p, int account) {
        return org.framegrid.chain.contracts.generated.Minter.load(p.addresses.minter(), p.anvil.web3j(),
                p.manager(account), ProtocolDeployer.DEV_GAS);
    }
}
