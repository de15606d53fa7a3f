package org.framegrid.chain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;

import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;

/**
 * The BondingVotes side of the staking invariants, read in one JSON-RPC batch: at every round since {@code fromRound}
 * the orchestrators' votes add up to the total active stake BondingVotes checkpointed for that round, which is the
 * stake the BondingManager had bonded when the next round began; no orchestrator's delegators vote with more than the
 * orchestrator; and the votes for the next round add up to the BondingManager's next-round active stake.
 */
final class VoteInvariants {

    private static final List<TypeReference<?>> ADDRESS = List.of(new TypeReference<Address>() { });

    private VoteInvariants() {
    }

    static void check(Protocol p, int[] orchestrators, int[] holders, long fromRound, String context) throws Exception {
        String votes = p.addresses.bondingVotes();
        String bm = p.addresses.bondingManager();
        long current = p.currentRound();
        ViewBatch batch = new ViewBatch(p.anvil.web3j())
                .uint(bm, "getTotalBonded")
                .uint(bm, "nextRoundTotalActiveStake")
                .uint(votes, "totalSupply");
        for (int o : orchestrators) {
            batch.uint(votes, "getVotes", ViewBatch.address(p.address(o)));
        }
        for (long r = fromRound; r < current; r++) {
            batch.uint(votes, "getPastTotalSupply", ViewBatch.uint(r));
            for (int o : orchestrators) {
                batch.uint(votes, "getPastVotes", ViewBatch.address(p.address(o)), ViewBatch.uint(r));
            }
            for (int h : holders) {
                batch.uint(votes, "getPastVotes", ViewBatch.address(p.address(h)), ViewBatch.uint(r))
                        .call(votes, "delegatedAt", List.of(ViewBatch.address(p.address(h)), ViewBatch.uint(r)), ADDRESS);
            }
        }
        List<List<Type>> results = batch.send();
        int row = 0;
        BigInteger bondedThisRound = value(results.get(row++));
        BigInteger nextRoundStake = value(results.get(row++));
        assertEquals(nextRoundStake, value(results.get(row++)), "vote supply = next round's active stake " + context);
        BigInteger nextRoundVotes = BigInteger.ZERO;
        for (int ignored : orchestrators) {
            nextRoundVotes = nextRoundVotes.add(value(results.get(row++)));
        }
        assertEquals(nextRoundStake, nextRoundVotes, "orchestrators' votes for the next round " + context);

        for (long r = fromRound; r < current; r++) {
            BigInteger supply = value(results.get(row++));
            BigInteger[] orchestratorVotes = new BigInteger[orchestrators.length];
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < orchestrators.length; i++) {
                orchestratorVotes[i] = value(results.get(row++));
                sum = sum.add(orchestratorVotes[i]);
            }
            assertEquals(supply, sum, "orchestrators' votes at the end of round " + r + " " + context);
            if (r == current - 1) {
                assertEquals(bondedThisRound, supply, "round " + r + "'s end is this round's bonded stake " + context);
            }
            BigInteger[] delegatorVotes = new BigInteger[orchestrators.length];
            java.util.Arrays.fill(delegatorVotes, BigInteger.ZERO);
            for (int h : holders) {
                BigInteger holderVotes = value(results.get(row++));
                String delegate = (String) results.get(row++).get(0).getValue();
                for (int i = 0; i < orchestrators.length; i++) {
                    if (h != orchestrators[i] && delegate.equalsIgnoreCase(p.address(orchestrators[i]))) {
                        delegatorVotes[i] = delegatorVotes[i].add(holderVotes);
                    }
                }
            }
            for (int i = 0; i < orchestrators.length; i++) {
                assertTrue(delegatorVotes[i].compareTo(orchestratorVotes[i]) <= 0, "delegators of "
                        + orchestrators[i] + " vote " + delegatorVotes[i] + " > " + orchestratorVotes[i] + " in round "
                        + r + " " + context);
            }
        }
    }

    private static BigInteger value(List<Type> result) {
        return ViewBatch.big(result.get(0));
    }
}
