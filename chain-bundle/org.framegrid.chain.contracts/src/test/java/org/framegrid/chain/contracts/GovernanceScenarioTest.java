package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * LIP-89/91 on the devchain deployment: a proposal to raise treasuryRewardCutRate from 10% to 20% passes only because
 * a delegator overrides its orchestrator's vote, executes through the Treasury timelock, and the next round's reward
 * pays the treasury 20%. Orchestrator O1 holds 700 LPT and delegator D1's 500; O2 holds 800 and D2's 200 (2,200 in
 * all). O1 votes against (1,200); D1 overrides it for (500 move to "for"); D2 votes for before O2 (O2 then counts
 * 1,000 - 200). Tally: for 1,500, against 700: quorum 733.26 (33.33% of 2,200) and quota 50% of 2,200 are met. Without
 * the override it would be 1,000 for, 1,200 against.
 */
class GovernanceScenarioTest {

    static final int O1 = 1;
    static final int O2 = 2;
    static final int D1 = 4;
    static final int D2 = 5;
    static final int AGAINST = 0;
    static final int FOR = 1;
    static final String PROPOSE = "propose(address[],uint256[],bytes[],string)";
    static final String QUEUE = "queue(address[],uint256[],bytes[],bytes32)";
    static final String EXECUTE = "execute(address[],uint256[],bytes[],bytes32)";
    static final String VOTE_CAST = "VoteCast(address indexed,uint256,uint8,uint256,string)";
    static final BigInteger TWENTY_PERCENT = BigInteger.TWO.multiply(BigInteger.TEN.pow(26));

    @Test
    void cutRateProposalPassesWithDelegatorOverridesAndTheNextRewardUsesIt() throws Exception {
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100))) {
            IssueAbi abi = new IssueAbi(p);
            ProtocolAddresses at = p.addresses;
            String governor = at.livepeerGovernor();
            p.registerOrchestrator(O1, lpt("700"), 100_000, 500_000);
            p.registerOrchestrator(O2, lpt("800"), 100_000, 500_000);
            p.delegate(D1, lpt("500"), O1);
            p.delegate(D2, lpt("200"), O2);
            // Livepeer's settings; the governor alone holds the timelock's roles, and parameters the Controller's owner
            // sets become the timelock's to change.
            assertEquals(List.of(BigInteger.ONE, BigInteger.TEN, lpt("100"), BigInteger.valueOf(500_000)),
                    List.of(abi.uint(governor, "votingDelay()"), abi.uint(governor, "votingPeriod()"),
                            abi.uint(governor, "proposalThreshold()"), abi.uint(governor, "quota()")));
            assertEquals(BigInteger.valueOf(333_300), abi.uint(governor, "quorumNumerator()"));
            assertEquals("mode=livepeer_round", abi.call1(governor, "CLOCK_MODE()", "string"));
            for (String role : List.of("PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE")) {
                assertTrue((Boolean) abi.call1(at.treasury(), "hasRole(bytes32,address)", "bool",
                        ProtocolDeployer.role(role), governor), role);
            }
            assertFalse((Boolean) abi.call1(at.treasury(), "hasRole(bytes32,address)", "bool", new byte[32],
                    p.address(0)), "the deployer renounced the timelock's admin role");
            abi.send(0, at.controller(), "transferOwnership(address)", at.treasury());

            p.nextRound(); // round 1: the stakes bonded in round 0 count
            String setCut = IssueAbi.encode("setTreasuryRewardCutRate(uint256)", TWENTY_PERCENT);
            List<Object> targets = List.of(at.bondingManager());
            List<Object> values = List.of(BigInteger.ZERO);
            List<Object> calls = List.of(Numeric.hexStringToByteArray(setCut));
            String description = "LIP-X: treasury cut 20%";
            byte[] descriptionHash = Hash.sha3(description.getBytes(StandardCharsets.UTF_8));
            String noStake = "GovernorInsufficientProposerVotes(address,uint256,uint256)";
            abi.assertReverts("custom error " + IssueAbi.selector(noStake), 9, governor, PROPOSE, targets, values,
                    calls, description);
            abi.send(O1, governor, PROPOSE, targets, values, calls, description);
            BigInteger id = abi.uint(governor, "hashProposal(address[],uint256[],bytes[],bytes32)", targets, values,
                    calls, descriptionHash);
            BigInteger snapshot = abi.uint(governor, "proposalSnapshot(uint256)", id);
            assertEquals(BigInteger.valueOf(p.currentRound() + 1), snapshot, "voting delay: one round");
            assertEquals(snapshot.add(BigInteger.TEN), abi.uint(governor, "proposalDeadline(uint256)", id));
            assertEquals(BigInteger.ZERO, state(abi, governor, id)); // Pending

            p.advanceRounds(2); // the snapshot round is over: voting is open
            assertEquals(BigInteger.ONE, state(abi, governor, id)); // Active
            String votes = at.bondingVotes();
            assertEquals(lpt("2200"), abi.uint(votes, "getPastTotalSupply(uint256)", snapshot));
            assertEquals(lpt("1200"), abi.uint(votes, "getPastVotes(address,uint256)", p.address(O1), snapshot));
            assertEquals(lpt("500"), abi.uint(votes, "getPastVotes(address,uint256)", p.address(D1), snapshot));
            assertEquals(IssueAbi.lower(p.address(O1)), IssueAbi.lower((String) abi.call1(votes,
                    "delegatedAt(address,uint256)", "address", p.address(D1), snapshot)));
            assertEquals(lpt("2200").multiply(BigInteger.valueOf(333_300)).divide(BigInteger.valueOf(1_000_000)),
                    abi.uint(governor, "quorum(uint256)", snapshot));

            assertEquals(lpt("200"), castVote(abi, governor, id, D2, FOR));
            assertEquals(lpt("1200"), castVote(abi, governor, id, O1, AGAINST));
            assertEquals(List.of(lpt("1200"), lpt("200"), BigInteger.ZERO), tally(abi, governor, id));
            assertEquals(lpt("500"), castVote(abi, governor, id, D1, FOR)); // overrides O1: 500 leave "against"
            assertEquals(List.of(lpt("700"), lpt("700"), BigInteger.ZERO), tally(abi, governor, id));
            assertEquals(lpt("800"), castVote(abi, governor, id, O2, FOR)); // 1,000 less D2's own 200
            assertEquals(List.of(lpt("700"), lpt("1500"), BigInteger.ZERO), tally(abi, governor, id));
            abi.assertReverts("custom error " + IssueAbi.selector("GovernorAlreadyCastVote(address)"), O1, governor,
                    "castVote(uint256,uint8)", id, FOR);

            p.advanceRounds(10); // past the deadline round
            assertEquals(BigInteger.valueOf(4), state(abi, governor, id)); // Succeeded
            abi.send(O2, governor, QUEUE, targets, values, calls, descriptionHash);
            assertEquals(BigInteger.valueOf(5), state(abi, governor, id)); // Queued
            TransactionReceipt executed = abi.send(D1, governor, EXECUTE, targets, values, calls, descriptionHash);
            assertEquals(BigInteger.valueOf(7), state(abi, governor, id)); // Executed
            List<Object> call = IssueAbi.event(executed, at.treasury(),
                    "CallExecuted(bytes32 indexed,uint256 indexed,address,uint256,bytes)");
            assertEquals(IssueAbi.lower(at.bondingManager()), IssueAbi.lower((String) call.get(2)));
            assertEquals(setCut, Numeric.toHexString((byte[]) call.get(4)));
            String bm = at.bondingManager();
            assertEquals(TWENTY_PERCENT, abi.uint(bm, "nextRoundTreasuryRewardCutRate()"));
            assertEquals(BigInteger.TEN.pow(26), abi.uint(bm, "treasuryRewardCutRate()"), "this round keeps 10%");
            abi.assertReverts(RevertReason.MANAGER_CALLER_IS_NOT_THE_CONTROLLER_OWNER.reason(), 0, bm,
                    "setTreasuryRewardCutRate(uint256)", 0);

            p.nextRound();
            assertEquals(TWENTY_PERCENT, abi.uint(bm, "treasuryRewardCutRate()"));
            BigInteger mintable = abi.uint(at.minter(), "currentMintableTokens()");
            BigInteger stake = p.transcoderTotalStake(O1);
            BigInteger total = abi.uint(bm, "getTotalBonded()");
            BigInteger billion = BigInteger.valueOf(1_000_000_000);
            BigInteger minted = mintable.multiply(stake.multiply(billion).divide(total)).divide(billion);
            TransactionReceipt reward = abi.send(O1, bm, "reward()");
            List<Object> toTreasury = IssueAbi.event(reward, bm, "TreasuryReward(address indexed,address,uint256)");
            assertEquals(minted.multiply(TWENTY_PERCENT).divide(BigInteger.TEN.pow(27)), toTreasury.get(2));
            assertEquals(minted.subtract((BigInteger) toTreasury.get(2)),
                    IssueAbi.event(reward, bm, "Reward(address indexed,uint256)").get(1));
        }
    }

    private static BigInteger castVote(IssueAbi abi, String governor, BigInteger id, int voter, int support)
            throws Exception {
        TransactionReceipt r = abi.send(voter, governor, "castVote(uint256,uint8)", id, support);
        List<Object> cast = IssueAbi.event(r, governor, VOTE_CAST);
        assertEquals(id, cast.get(1));
        assertEquals(BigInteger.valueOf(support), cast.get(2));
        return (BigInteger) cast.get(3);
    }

    private static List<Object> tally(IssueAbi abi, String governor, BigInteger id) throws Exception {
        return abi.call(governor, "proposalVotes(uint256)", "uint256,uint256,uint256", id);
    }

    private static BigInteger state(IssueAbi abi, String governor, BigInteger id) throws Exception {
        return (BigInteger) abi.call1(governor, "state(uint256)", "uint8", id);
    }
}
