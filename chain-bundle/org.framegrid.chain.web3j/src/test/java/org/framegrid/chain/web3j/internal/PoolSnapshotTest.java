package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Pool positions worked out by hand on the pool A 3,000, B 2,000, C 1,000 (SortedPool's rules: descending stake, a
 * newcomer after every member with as much), and the reward arithmetic of the hints on the three
 * orchestrators.
 */
class PoolSnapshotTest {

    private static final String A = "0x00000000000000000000000000000000000000aa";
    private static final String B = "0x00000000000000000000000000000000000000bb";
    private static final String C = "0x00000000000000000000000000000000000000cc";
    private static final String D = "0x00000000000000000000000000000000000000dd";
    private static final String ZERO = ChainClient.ZERO_ADDRESS;

    private static PoolSnapshot abc(int maxSize) {
        return new PoolSnapshot(List.of(member(A, 3000), member(B, 2000), member(C, 1000)), maxSize);
    }

    private static PoolSnapshot.Member member(String address, long lpt) {
        return new PoolSnapshot.Member(address, lpt(lpt));
    }

    private static BigInteger lpt(long lpt) {
        return BigInteger.valueOf(lpt).multiply(BigInteger.TEN.pow(18));
    }

    private static List<String> order(PoolSnapshot pool) {
        return pool.members().stream().map(PoolSnapshot.Member::address).toList();
    }

    @Test
    void aMemberMovesBetweenTheMembersItsNewStakeFallsBetween() {
        PoolSnapshot pool = abc(4);
        assertEquals(new PoolSnapshot.Hint(A, C), pool.hintFor(B, lpt(2500)), "stays in the middle");
        assertEquals(new PoolSnapshot.Hint(ZERO, A), pool.hintFor(C, lpt(3500)), "to the head");
        assertEquals(List.of(C, A, B), order(pool.after(C, lpt(3500))));
        assertEquals(new PoolSnapshot.Hint(C, ZERO), pool.hintFor(A, lpt(500)), "to the tail");
        assertEquals(List.of(B, C, A), order(pool.after(A, lpt(500))));
        assertEquals(new PoolSnapshot.Hint(A, B), pool.hintFor(C, lpt(3000)), "a tie goes after the member it ties");
        assertEquals(lpt(3000), pool.after(C, lpt(3000)).stake(C));
    }

    @Test
    void aNewcomerJoinsWhenThereIsRoomOrWhenItBeatsTheLastMember() {
        assertEquals(new PoolSnapshot.Hint(B, C), abc(4).hintFor(D, lpt(1500)));
        assertEquals(List.of(A, B, D, C), order(abc(4).after(D, lpt(1500))));
        PoolSnapshot full = abc(3);
        assertSame(PoolSnapshot.NONE, full.hintFor(D, lpt(1000)), "as much as the last member is not enough");
        assertSame(full, full.after(D, lpt(1000)));
        // C leaves first; D goes where it belongs among A and B.
        assertEquals(new PoolSnapshot.Hint(B, ZERO), full.hintFor(D, lpt(1500)));
        assertEquals(List.of(A, B, D), order(full.after(D, lpt(1500))));
        assertEquals(new PoolSnapshot.Hint(ZERO, A), full.hintFor(D, lpt(5000)));
    }

    @Test
    void theOnlyMemberMovesIntoAnEmptyListAndAResigningOneLeaves() {
        PoolSnapshot one = new PoolSnapshot(List.of(member(A, 10)), 100);
        assertEquals(PoolSnapshot.NONE, one.hintFor(A, lpt(20)), "(0, 0) is the position in an empty list");
        assertEquals(List.of(A, C), order(abc(3).without(B)));
    }

    /**
     * The figures: 4,000, 3,500 and 1,500 of 9,000 LPT active, 1,000 LPT mintable. Each share is truncated to
     * billionths (444,444,444, 388,888,888 and 166,666,666), so the round mints 2×10¹² wei less than mintable; the
     * treasury takes 10 % of each mint.
     */
    @Test
    void rewardMintsBillionthsOfTheMintableAndTheTreasuryTakesItsCut() {
        BigInteger mintable = lpt(1000);
        BigInteger total = lpt(9000);
        BigInteger a = PoolHints.minted(mintable, lpt(4000), total);
        BigInteger b = PoolHints.minted(mintable, lpt(3500), total);
        BigInteger c = PoolHints.minted(mintable, lpt(1500), total);
        assertEquals(new BigInteger("444444444000000000000"), a);
        assertEquals(new BigInteger("388888888000000000000"), b);
        assertEquals(new BigInteger("166666666000000000000"), c);
        assertEquals(new BigInteger("2000000000000"), mintable.subtract(a).subtract(b).subtract(c));
        BigInteger tenPercent = BigInteger.TEN.pow(26);
        assertEquals(new BigInteger("44444444400000000000"), PoolHints.treasuryShare(a, tenPercent));
        assertEquals(BigInteger.ZERO, PoolHints.minted(mintable, lpt(1), BigInteger.ZERO));
    }
}
