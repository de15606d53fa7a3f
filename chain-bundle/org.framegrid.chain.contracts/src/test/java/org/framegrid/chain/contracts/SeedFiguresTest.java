package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;

import org.framegrid.chain.contracts.generated.Minter;
import org.framegrid.chain.contracts.generated.RoundsManager;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The seed's network figures (protocol.md §0), to the wei, and the inflation steps around the 50% target. */
class SeedFiguresTest {

    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000);

    @Test
    void seedSupplyAndBondedGiveTheSeedsInflationAndMint() throws Exception {
        // 100-block rounds: everything below fits in round 0 (deployment is 13 transactions), which counts as
        // initialised, so round 1 is the first round the Minter sees, with the seed's stake already bonded.
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100))) {
            p.registerOrchestrator(1, lpt("16613846.27"), 100_000, 500_000);
            p.delegate(2, lpt("10000000"), 1);
            assertEquals(0, p.currentRound());

            TransactionReceipt init = p.nextRound();
            Minter minter = p.minter();
            assertEquals(new BigInteger("50948531720000000000000000"), p.token(0).totalSupply().send());
            assertEquals(new BigInteger("26613846270000000000000000"), p.bonding(0).getTotalBonded().send());
            assertEquals(BigInteger.valueOf(522_367_286), minter.currentBondingRate().send());
            // Participation 52.24% > 50%: the rate steps down by 500 parts per 10^9 before minting.
            assertEquals(BigInteger.valueOf(619_617), minter.inflation().send());
            assertEquals(new BigInteger("31568576378751240000000"), minter.currentMintableTokens().send());
            List<Minter.SetCurrentRewardTokensEventResponse> events = Minter.getSetCurrentRewardTokensEvents(init);
            assertEquals(1, events.size());
            assertEquals(new BigInteger("31568576378751240000000"), events.get(0).currentMintableTokens);
            assertEquals(BigInteger.valueOf(619_617), events.get(0).currentInflation);
            assertEquals(BigInteger.ONE, RoundsManager.getNewRoundEvents(init).get(0).round);

            // Below 50%: unbonding 1.2 M LPT (effective next round) makes the rate step up by the same 500.
            p.bonding(1).unbond(lpt("1200000")).send();
            p.nextRound();
            BigInteger supply = p.token(0).totalSupply().send();
            assertEquals(ProtocolParameters.SEED_SUPPLY, supply, "no reward was called, so nothing was minted");
            assertEquals(lpt("25413846.27"), p.bonding(0).getTotalBonded().send());
            assertEquals(BigInteger.valueOf(619_617 + 500), minter.inflation().send());
            assertEquals(supply.multiply(BigInteger.valueOf(620_117)).divide(BILLION),
                    minter.currentMintableTokens().send());

            // Exactly 50% (half the supply bonded): unchanged.
            BigInteger half = supply.divide(BigInteger.TWO);
            BigInteger missing = half.subtract(lpt("25413846.27"));
            p.fund(1, missing);
            p.bonding(1).bond(missing, p.address(1)).send();
            p.nextRound();
            assertEquals(half, p.bonding(0).getTotalBonded().send());
            assertEquals(BigInteger.valueOf(500_000_000), minter.currentBondingRate().send());
            assertEquals(BigInteger.valueOf(620_117), minter.inflation().send());
        }
    }

    @Test
    void inflationNeverGoesBelowZero() throws Exception {
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100).withInflation(300))) {
            p.registerOrchestrator(1, lpt("30000000"), 0, 0);
            p.nextRound();
            assertEquals(BigInteger.ZERO, p.minter().inflation().send());
            assertEquals(BigInteger.ZERO, p.minter().currentMintableTokens().send());
        }
    }
}
