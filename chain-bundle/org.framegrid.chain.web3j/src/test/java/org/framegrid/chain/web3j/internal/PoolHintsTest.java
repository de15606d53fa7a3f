package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.framegrid.chain.api.RoundEvent;
import org.framegrid.chain.api.TxResult;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The node's staking calls go through the hinted forms on a real anvil: each moved orchestrator ends up exactly
 * between the members its hint named (the contract took the O(1) insertion, and saved the walk's gas), and a hint that
 * went stale before its transaction was mined still leaves the pool in stake order. Six orchestrators, accounts 1-6,
 * with 6,000 down to 1,000 LPT; delegators 7-9.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // one pool, changed by each test in turn
class PoolHintsTest {

    private static final BigInteger LPT = Fixture.LPT;
    private static Fixture f;
    private static final List<Staking> orchestrators = new ArrayList<>();

    @BeforeAll
    static void pool() throws Exception {
        f = new Fixture(ProtocolParameters.defaults().withRoundLength(50));
        for (int i = 1; i <= 6; i++) {
            Staking o = new Staking(f.chain(i));
            o.bond(lpt(7000 - 1000 * i), o.account());
            o.registerOrchestrator(100_000, 500_000, null);
            orchestrators.add(o);
        }
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static BigInteger lpt(long n) {
        return LPT.multiply(BigInteger.valueOf(n));
    }

    private static String o(int i) {
        return orchestrators.get(i - 1).account();
    }

    private static List<String> order(PoolSnapshot pool) {
        return pool.members().stream().map(PoolSnapshot.Member::address).toList();
    }

    /** @return the members before and after {@code address} in the pool now */
    private static PoolSnapshot.Hint neighbours(PoolSnapshot pool, String address) {
        List<String> order = order(pool);
        int i = order.indexOf(address);
        return new PoolSnapshot.Hint(i == 0 ? ChainClient.ZERO_ADDRESS : order.get(i - 1),
                i == order.size() - 1 ? ChainClient.ZERO_ADDRESS : order.get(i + 1));
    }

    private static PoolSnapshot.Hint hint(List<Address> addresses, int pair) {
        return new PoolSnapshot.Hint(addresses.get(2 * pair).toString(), addresses.get(2 * pair + 1).toString());
    }

    @Test
    @Order(1)
    void eachHintIsWhereTheChangeLandsAndSavesTheWalk() throws Exception {
        ChainClient delegatorChain = f.chain(7);
        PoolHints hints = new PoolHints(delegatorChain);
        Staking delegator = new Staking(delegatorChain);
        assertEquals(List.of(o(1), o(2), o(3), o(4), o(5), o(6)), order(hints.pool()), "registration joined in order");

        // A new delegator moves the last orchestrator (1,000) to second place (5,500).
        List<Address> bond = hints.bond(delegator.account(), lpt(4500), o(6));
        delegator.bond(lpt(4500), o(6));
        PoolSnapshot pool = hints.pool();
        assertEquals(List.of(o(1), o(6), o(2), o(3), o(4), o(5)), order(pool));
        assertEquals(neighbours(pool, o(6)), hint(bond, 1));

        // It moves all its stake to the fifth (2,000 -> 6,500, the head). The sixth goes back to the tail first (after
        // the fifth, which has not moved yet); then the fifth moves, in the pool the first move left.
        bond = hints.bond(delegator.account(), BigInteger.ZERO, o(5));
        delegator.bond(BigInteger.ZERO, o(5));
        pool = hints.pool();
        assertEquals(List.of(o(5), o(1), o(2), o(3), o(4), o(6)), order(pool));
        assertEquals(new PoolSnapshot.Hint(o(5), ChainClient.ZERO_ADDRESS), hint(bond, 0));
        assertEquals(neighbours(pool, o(5)), hint(bond, 1));

        // Next round (a moved stake is pending until then): unbonding 3,000 puts the fifth (3,500) behind the third;
        // rebonding the lock puts it back at the head.
        f.advanceRounds(1);
        List<Address> unbond = hints.unbond(delegator.account(), lpt(3000));
        long lock = delegator.unbond(lpt(3000)).id();
        pool = hints.pool();
        assertEquals(List.of(o(1), o(2), o(3), o(5), o(4), o(6)), order(pool));
        assertEquals(neighbours(pool, o(5)), hint(unbond, 0));
        List<Address> rebond = hints.rebond(delegator.account(), lock, null, false);
        delegator.rebond(lock, null);
        assertEquals(neighbours(hints.pool(), o(5)), hint(rebond, 0));

        // The same bond to the last orchestrator, which stays last, with the right hint and with none: the walk past
        // five members is what the hint saves (about 3,500 gas each).
        ChainClient secondChain = f.chain(8);
        Staking second = new Staking(secondChain);
        second.bond(lpt(10), o(6));
        TxResult hinted = second.bond(lpt(10), o(6));
        Addresses at = secondChain.addresses();
        secondChain.send("approve", at.token(), "approve", new Address(at.bondingManager()), new Uint256(lpt(10)));
        long walked = secondChain.send("bond", at.bondingManager(), "bondWithHint", new Uint256(lpt(10)),
                new Address(o(6)), none(), none(), none(), none()).result().gasUsed();
        assertTrue(walked - hinted.gasUsed() > 10_000, "hinted " + hinted.gasUsed() + " gas, walked " + walked);
        assertEquals(o(6), order(hints.pool()).get(5));
    }

    @Test
    @Order(2)
    void aHintThatWentStaleStillLeavesThePoolInStakeOrder() throws Exception {
        ChainClient third = f.chain(9);
        PoolHints hints = new PoolHints(third);
        PoolSnapshot before = hints.pool();
        String mover = order(before).get(3);
        List<Address> stale = hints.bond(third.account(), lpt(20_000), mover); // to the head, when computed
        // Before it is sent, another orchestrator takes the head with more stake than the mover will have.
        String overtaker = order(before).get(4);
        orchestrators.stream().filter(s -> s.account().equals(overtaker)).findFirst().orElseThrow()
                .bond(lpt(30_000), overtaker);
        Addresses at = third.addresses();
        third.send("approve", at.token(), "approve", new Address(at.bondingManager()), new Uint256(lpt(20_000)));
        List<Type> call = new ArrayList<>(List.of(new Uint256(lpt(20_000)), new Address(mover)));
        call.addAll(stale);
        third.send("bond", at.bondingManager(), "bondWithHint", call.toArray(Type[]::new));

        PoolSnapshot after = hints.pool();
        assertEquals(List.of(overtaker, mover), order(after).subList(0, 2));
        assertTrue(!neighbours(after, mover).equals(hint(stale, 1)), "the hint was stale: " + hint(stale, 1));
        assertEquals(sortedStakes(after), after.members().stream().map(PoolSnapshot.Member::stake).toList(),
                "in stake order all the same");
    }

    /**
     * reward() through the round keeper: the hint is where the orchestrator lands with its mint restaked, and the
     * mint is Livepeer's (the share in billionths, the treasury's 10 % taken first).
     */
    @Test
    @Order(3)
    void theRoundKeepersRewardHintIsWhereTheRewardLands() throws Exception {
        f.advanceRounds(1);
        PoolHints hints = new PoolHints(f.chain(0));
        PoolSnapshot pool = hints.pool();
        String last = order(pool).get(pool.members().size() - 1);
        ChainClient node = f.chain(orchestrators.indexOf(orchestrators.stream()
                .filter(s -> s.account().equals(last)).findFirst().orElseThrow()) + 1);
        BigInteger minted = PoolHints.minted(node.callUint(node.addresses().minter(), "currentMintableTokens"),
                pool.stake(last), node.callUint(node.addresses().bondingManager(), "getTotalBonded"));
        BigInteger restaked = minted.subtract(minted.divide(BigInteger.TEN));
        PoolSnapshot.Hint expected = pool.hintFor(last, pool.stake(last).add(restaked));
        List<RoundEvent> events = new ArrayList<>();
        new RoundKeeper(node, false, true, events::add).step();

        RoundEvent rewarded = events.stream().filter(e -> e.type() == RoundEvent.Type.REWARDED).findFirst().orElseThrow();
        assertEquals(restaked, rewarded.amount());
        assertEquals(expected, neighbours(hints.pool(), last));
    }

    private static Address none() {
        return new Address(ChainClient.ZERO_ADDRESS);
    }

    /** The pool's stakes highest first. */
    private static List<BigInteger> sortedStakes(PoolSnapshot pool) {
        return pool.members().stream().map(PoolSnapshot.Member::stake).sorted(Comparator.reverseOrder()).toList();
    }
}
