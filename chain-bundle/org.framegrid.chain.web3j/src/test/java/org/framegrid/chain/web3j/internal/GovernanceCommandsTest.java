package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.framegrid.chain.api.RoundEvent;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LIP-89/91 on the node's devchain, through the `chain` commands: a proposal to raise treasuryRewardCutRate from 10 %
 * to 20 % passes only because a delegator overrides its orchestrator's vote, is queued in and executed through the
 * Treasury timelock, and the next round's reward pays the treasury 20 %. Orchestrator O1 (account 1) holds 700 LPT and
 * delegator D1's 500 (account 4); O2 (account 2) holds 800 and D2's 200 (account 5); 2,200 LPT active. O1 votes
 * against with 1,200; D1 overrides it (500 move to "for"); D2 votes for before O2, which then counts 1,000 - 200.
 * Tally: for 1,500, against 700 (without the override: for 1,000, against 1,200, defeated).
 */
class GovernanceCommandsTest {

    private static Fixture f;
    private static Commands cli;
    @TempDir
    static Path home;

    @BeforeAll
    static void devchain() throws Exception {
        f = new Fixture(ProtocolParameters.defaults().withRoundLength(20));
        cli = new Commands(f, home);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String line(String text) {
        return text + "\n";
    }

    @Test
    void cutRateProposalPassesWithADelegatorsOverrideAndTheNextRewardPaysTheNewRate() throws Exception {
        String o1 = f.address(1).toLowerCase();
        String o2 = f.address(2).toLowerCase();
        assertEquals(0, cli.run("register", "--reward-cut", "10", "--fee-share", "50", "--stake", "700",
                "--account", "1"),
                cli.err());
        assertEquals(0, cli.run("register", "--reward-cut", "10", "--fee-share", "50", "--stake", "800",
                "--account", "2"),
                cli.err());
        assertEquals(0, cli.run("bond", "500", "--to", o1, "--account", "4"), cli.err());
        assertEquals(0, cli.run("bond", "200", "--to", o2, "--account", "5"), cli.err());
        assertEquals(0, cli.run("proposals"), cli.err());
        assertTrue(cli.out().startsWith("no proposals yet"), cli.out());
        assertEquals(0, cli.run("advance-rounds", "1"), cli.err()); // stakes count from the end of a round

        assertEquals(1, cli.run("propose", "--set", "treasuryRewardCutRate=20%", "--account", "9"));
        assertTrue(cli.err().matches("chain propose: 0x[0-9a-f]{40} had 0.00 LPT of votes at the end of round \\d+; "
                + "proposing takes 100.00 LPT\n"), cli.err());
        assertEquals(0, cli.run("propose", "--set", "treasuryRewardCutRate=20%", "--description",
                "LIP-X: treasury cut 20%", "--account", "1"), cli.err());
        Matcher proposed = Pattern.compile("proposed 1: treasuryRewardCutRate from 10.00% to 20.00%; voting in "
                + "rounds (\\d+)-(\\d+) \\(id \\d+\\)").matcher(cli.out());
        assertTrue(proposed.find(), cli.out());
        long opens = Long.parseLong(proposed.group(1));
        long closes = Long.parseLong(proposed.group(2));
        assertEquals(opens + 9, closes, "ten rounds of voting");
        assertEquals(1, cli.run("propose", "--set", "treasuryRewardCutRate=20%", "--description",
                "LIP-X: treasury cut 20%", "--account", "1"));
        assertEquals(line("chain propose: proposal 1 is the same (same change, same description): give another "
                + "--description"), cli.err());

        assertEquals(1, cli.run("vote", "1", "for", "--account", "5"));
        assertEquals(line("chain vote: proposal 1 is pending: voting opens in round " + opens), cli.err());
        assertEquals(0, cli.run("advance-rounds", "2"), cli.err());
        assertEquals(0, cli.run("vote", "1", "for", "--account", "5"), cli.err());
        assertTrue(cli.out().startsWith("voted for proposal 1 with 200.00 LPT; your orchestrator " + o2
                + " votes without it (tx "), cli.out());
        assertEquals(0, cli.run("vote", "1", "against", "--account", "1"), cli.err());
        assertTrue(cli.out().startsWith("voted against proposal 1 with 1,200.00 LPT (tx "), cli.out());
        assertEquals(0, cli.run("vote", "1", "for", "--account", "4", "--reason", "a bigger treasury"), cli.err());
        assertTrue(cli.out().startsWith("voted for proposal 1 with 500.00 LPT, overriding your orchestrator " + o1
                + " (it voted against) (tx "), cli.out());
        assertEquals(0, cli.run("vote", "1", "for", "--account", "2"), cli.err());
        assertTrue(cli.out().startsWith("voted for proposal 1 with 800.00 LPT (200.00 LPT of your delegators voted "
                + "themselves) (tx "), cli.out());
        assertEquals(1, cli.run("vote", "1", "abstain", "--account", "1"));
        assertEquals(line("chain vote: " + o1 + " already voted on proposal 1"), cli.err());
        assertEquals(0, cli.run("proposals"), cli.err());
        assertTrue(cli.out().startsWith("proposal 1 (active, voting in rounds " + opens + "-" + closes
                + "): treasuryRewardCutRate = 20.00% - \"LIP-X: treasury cut 20%\"\n  for 1,500.00, against 700.00, "
                + "abstain 0.00 LPT; quorum 733.26 LPT; proposer " + o1 + "; id "), cli.out());

        assertEquals(1, cli.run("queue", "1"));
        assertEquals(line("chain queue: proposal 1 is active: voting ends with round " + closes), cli.err());
        assertEquals(0, cli.run("advance-rounds", "10"), cli.err());
        assertEquals(1, cli.run("execute", "1"));
        assertEquals(line("chain execute: proposal 1 is succeeded: queue it first (`chain queue 1`)"), cli.err());
        assertEquals(0, cli.run("queue", "1", "--account", "5"), cli.err());
        assertTrue(cli.out().startsWith("queued proposal 1 in the Treasury timelock (tx "), cli.out());
        assertEquals(0, cli.run("execute", "1", "--account", "4"), cli.err());
        assertTrue(cli.out().startsWith("executed proposal 1: treasuryRewardCutRate = 20.00% (tx "), cli.out());
        assertEquals(0, cli.run("status"), cli.err());
        assertTrue(cli.out().contains(line("Treasury cut         10.00% of each reward (next round 20.00%)")),
                cli.out());

        // The next round's reward: O1 mints its billionths of the round and the treasury takes 20 % of it.
        assertEquals(0, cli.run("advance-rounds", "1"), cli.err());
        ChainClient node = f.chain(1);
        ChainInfo info = new ChainInfo(node);
        BigInteger before = info.treasury().balance();
        BigInteger minted = PoolHints.minted(node.callUint(node.addresses().minter(), "currentMintableTokens"),
                node.callUint(node.addresses().bondingManager(), "transcoderTotalStake", new org.web3j.abi.datatypes
                        .Address(o1)), info.networkStats().totalBonded());
        List<RoundEvent> events = new ArrayList<>();
        new RoundKeeper(node, false, true, events::add).step();
        BigInteger toTreasury = minted.multiply(BigInteger.TWO).divide(BigInteger.TEN);
        assertEquals(before.add(toTreasury), info.treasury().balance());
        assertEquals(minted.subtract(toTreasury), events.get(events.size() - 1).amount());
        assertEquals(0, cli.run("status"), cli.err());
        assertTrue(cli.out().contains(line("Treasury cut         20.00% of each reward")), cli.out());
    }

    /** A devchain whose deployer kept the Controller: a proposal could pass but never execute, so none is made. */
    @Test
    void proposingIsRefusedWhileTheTreasuryDoesNotOwnTheController(@TempDir Path otherHome) throws Exception {
        try (Fixture owned = new Fixture(ProtocolParameters.defaults().withRoundLength(20), false)) {
            Commands there = new Commands(owned, otherHome);
            assertEquals(0, there.run("register", "--reward-cut", "10", "--fee-share", "50", "--stake", "500",
                    "--account", "1"), there.err());
            assertEquals(0, there.run("advance-rounds", "1"), there.err());
            assertEquals(1, there.run("propose", "--set", "unbondingPeriod=3", "--account", "1"));
            assertEquals(line("chain propose: a passed proposal could not set unbondingPeriod: only the Controller's "
                    + "owner may, and that is " + owned.address(0).toLowerCase() + ", not the Treasury "
                    + Registered.address(owned.chain(0), Registered.TREASURY)), there.err());
        }
    }

    @Test
    void badGovernanceInputGetsOneClearLine() {
        assertEquals(2, cli.run("propose", "--set", "colour=red"));
        assertTrue(cli.err().startsWith("chain propose: unknown parameter 'colour' (one of: treasuryRewardCutRate, "
                + "treasuryBalanceCeiling, unbondingPeriod, numActiveTranscoders, inflationChange, targetBondingRate, "
                + "roundLength, roundLockAmount, unlockPeriod, ticketValidityPeriod)"), cli.err());
        assertEquals(2, cli.run("propose", "--set", "treasuryRewardCutRate=lots"));
        assertEquals(line("chain propose: 'lots' is not a percentage (expected e.g. 25 or 12.5%)"), cli.err());
        assertEquals(2, cli.run("propose", "--set", "unbondingPeriod"));
        assertEquals(line("chain propose: 'unbondingPeriod' is not NAME=VALUE (e.g. treasuryRewardCutRate=20%)"),
                cli.err());
        assertEquals(2, cli.run("propose"));
        assertTrue(cli.err().startsWith("chain propose: --set is needed\nusage: framegrid chain"), cli.err());
        assertEquals(2, cli.run("vote", "1", "maybe"));
        assertEquals(line("chain vote: 'maybe' is not a vote (for, against or abstain)"), cli.err());
        assertEquals(2, cli.run("queue", "first"));
        assertEquals(line("chain queue: 'first' is not a proposal (its number in `chain proposals`, or its id)"),
                cli.err());
        assertEquals(1, cli.run("execute", "99"));
        assertTrue(cli.err().matches("chain execute: no proposal 99 \\(there (is 1|are \\d+); `chain proposals` lists "
                + "them\\)\n"), cli.err());
    }
}
