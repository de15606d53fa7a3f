package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The treasury's parameters and reward cut (LIP-89/90) and slashing, through Livepeer's signatures as text: a cut
 * rate change applies from the next round; at the balance ceiling the next round's rate drops to zero; the Verifier
 * slashes part of an orchestrator's bond, pays the finder its fee, burns the rest and takes it out of the active set.
 */
class TreasuryAndSlashingAbiTest {

    static final BigInteger PRECISE = BigInteger.TEN.pow(27);
    static final BigInteger TEN_PERCENT = BigInteger.TEN.pow(26);
    static final String TREASURY_REWARD = "TreasuryReward(address indexed,address,uint256)";
    static final String REWARD = "Reward(address indexed,uint256)";
    static final String SLASHED = "TranscoderSlashed(address indexed,address,uint256,uint256)";

    @Test
    void treasuryCutRateCeilingAndSlashing() throws Exception {
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100))) {
            IssueAbi abi = new IssueAbi(p);
            String bm = p.addresses.bondingManager();
            String treasury = p.addresses.treasury();
            p.registerOrchestrator(1, lpt("1000"), 100_000, 500_000);
            p.registerOrchestrator(2, lpt("3000"), 100_000, 500_000);
            // Deployed with Livepeer's values; the rate counts once a round starts (the deployment is in round 0).
            assertEquals(BigInteger.ZERO, abi.uint(bm, "treasuryRewardCutRate()"));
            assertEquals(TEN_PERCENT, abi.uint(bm, "nextRoundTreasuryRewardCutRate()"));
            assertEquals(lpt("750000"), abi.uint(bm, "treasuryBalanceCeiling()"));
            p.nextRound();
            assertEquals(TEN_PERCENT, abi.uint(bm, "treasuryRewardCutRate()"));

            // Owner only, at most 100%; a change waits for the next round.
            abi.assertReverts(RevertReason.MANAGER_CALLER_IS_NOT_THE_CONTROLLER_OWNER.reason(), 1, bm,
                    "setTreasuryRewardCutRate(uint256)", 1);
            abi.assertReverts(RevertReason.BONDING_INVALID_TREASURY_REWARD_CUT_RATE.reason(), 0, bm,
                    "setTreasuryRewardCutRate(uint256)", PRECISE.add(BigInteger.ONE));
            abi.send(0, bm, "setTreasuryRewardCutRate(uint256)", TEN_PERCENT.multiply(BigInteger.TWO));
            assertEquals(TEN_PERCENT.multiply(BigInteger.TWO), abi.uint(bm, "nextRoundTreasuryRewardCutRate()"));
            assertTreasuryShare(p, abi, 1, TEN_PERCENT);

            p.nextRound();
            assertEquals(TEN_PERCENT.multiply(BigInteger.TWO), abi.uint(bm, "treasuryRewardCutRate()"));
            // A ceiling the treasury already holds: this round's reward still pays 20%, the next round's rate is 0.
            abi.assertReverts(RevertReason.MANAGER_CALLER_IS_NOT_THE_CONTROLLER_OWNER.reason(), 1, bm,
                    "setTreasuryBalanceCeiling(uint256)", 1);
            abi.send(0, bm, "setTreasuryBalanceCeiling(uint256)", 1);
            assertEquals(BigInteger.ONE, abi.uint(bm, "treasuryBalanceCeiling()"));
            assertTreasuryShare(p, abi, 1, TEN_PERCENT.multiply(BigInteger.TWO));
            assertEquals(BigInteger.ZERO, abi.uint(bm, "nextRoundTreasuryRewardCutRate()"));
            p.nextRound();
            assertEquals(BigInteger.ZERO, abi.uint(bm, "treasuryRewardCutRate()"));
            BigInteger treasuryBefore = p.token(0).balanceOf(treasury).send();
            TransactionReceipt untaxed = abi.send(1, bm, "reward()");
            assertTrue(IssueAbi.events(untaxed, bm, TREASURY_REWARD).isEmpty());
            assertEquals(treasuryBefore, p.token(0).balanceOf(treasury).send());

            // Slashing: only the registered Verifier; 50% of orchestrator 2's bond, 10% of that to the finder.
            abi.assertReverts(RevertReason.MANAGER_CALLER_IS_NOT_THE_VERIFIER.reason(), 9, bm,
                    "slashTranscoder(address,address,uint256,uint256)", p.address(2), p.address(8), 500_000, 100_000);
            abi.send(0, p.addresses.controller(), "setContractInfo(bytes32,address,bytes20)",
                    ProtocolDeployer.contractId("Verifier"), p.address(9), new byte[20]);
            BigInteger bonded = p.pendingStake(2);
            BigInteger supply = p.token(0).totalSupply().send();
            BigInteger minterLpt = p.token(0).balanceOf(p.addresses.minter()).send();
            BigInteger stake = p.transcoderTotalStake(2);
            TransactionReceipt slash = abi.send(9, bm, "slashTranscoder(address,address,uint256,uint256)",
                    p.address(2), p.address(8), 500_000, 100_000);
            BigInteger penalty = bonded.divide(BigInteger.TWO);
            BigInteger finderFee = penalty.divide(BigInteger.TEN);
            assertEquals(List.of(IssueAbi.lower(p.address(2)), IssueAbi.lower(p.address(8)), penalty, finderFee),
                    HintedStakingAbiTest.lowered(IssueAbi.event(slash, bm, SLASHED)));
            assertEquals(finderFee, p.lptBalance(8));
            assertEquals(supply.subtract(penalty).add(finderFee), p.token(0).totalSupply().send(), "the rest is burnt");
            assertEquals(minterLpt.subtract(penalty), p.token(0).balanceOf(p.addresses.minter()).send());
            assertEquals(stake.subtract(penalty), p.transcoderTotalStake(2));
            assertEquals(bonded.subtract(penalty), p.pendingStake(2));
            assertEquals(BigInteger.ONE, p.bonding(0).getTranscoderPoolSize().send(), "out of the active set");
            assertEquals(p.transcoderTotalStake(1), p.bonding(0).nextRoundTotalActiveStake().send());
            p.nextRound();
            assertFalse(p.bonding(0).isActiveTranscoder(p.address(2)).send());
        }
    }

    /** Orchestrator {@code o} calls reward(): the treasury gets {@code rate} of the mint, the orchestrator the rest. */
    private static void assertTreasuryShare(Protocol p, IssueAbi abi, int o, BigInteger rate) throws Exception {
        String bm = p.addresses.bondingManager();
        BigInteger mintedBefore = p.minter().currentMintedTokens().send();
        TransactionReceipt r = abi.send(o, bm, "reward()");
        BigInteger minted = p.minter().currentMintedTokens().send().subtract(mintedBefore);
        List<Object> toTreasury = IssueAbi.event(r, bm, TREASURY_REWARD);
        BigInteger share = minted.multiply(rate).divide(PRECISE);
        assertEquals(List.of(IssueAbi.lower(p.address(o)), IssueAbi.lower(p.addresses.treasury()), share),
                HintedStakingAbiTest.lowered(toTreasury));
        assertEquals(minted.subtract(share), IssueAbi.event(r, bm, REWARD).get(1));
    }
}
