package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The staking calls go-livepeer makes (the hinted forms) and the BondingManager functions the issue lists, called
 * through Livepeer's signatures as text ({@link IssueAbi}) on anvil. A hint that is the right pool position is used,
 * any other is ignored: the pool order is the same either way.
 */
class HintedStakingAbiTest {

    static final String ZERO = "0x0000000000000000000000000000000000000000";
    static final String BOND_WITH_HINT = "bondWithHint(uint256,address,address,address,address,address)";
    static final String BOND_FOR_WITH_HINT = "bondForWithHint(uint256,address,address,address,address,address,address)";
    static final String TRANSCODER_WITH_HINT = "transcoderWithHint(uint256,uint256,address,address)";
    static final String UNBOND_WITH_HINT = "unbondWithHint(uint256,address,address)";
    static final String REBOND_WITH_HINT = "rebondWithHint(uint256,address,address)";
    static final String REBOND_FROM_UNBONDED_WITH_HINT = "rebondFromUnbondedWithHint(address,uint256,address,address)";
    static final String REWARD_WITH_HINT = "rewardWithHint(address,address)";
    static final String TRANSFER_BOND = "transferBond(address,uint256,address,address,address,address)";
    static final String TRANSFER_BOND_EVENT =
            "TransferBond(address indexed,address indexed,uint256,uint256,uint256)";

    @Test
    void hintedFormsBondForTransferBondCheckpointsAndLocks() throws Exception {
        ProtocolParameters params = ProtocolParameters.defaults().withRoundLength(100).withUnbondingPeriod(2)
                .withNumActiveTranscoders(2);
        try (Protocol p = new Protocol(params)) {
            IssueAbi abi = new IssueAbi(p);
            String bm = p.addresses.bondingManager();
            String a = IssueAbi.lower(p.address(1));
            String b = IssueAbi.lower(p.address(2));
            String c = IssueAbi.lower(p.address(3));

            // A self-bond joins the pool at the hinted position: A first (empty pool), B after A. With room for two,
            // C's 1,000 does not join; once the owner makes room, transcoderWithHint puts C after B.
            for (int o : new int[] {1, 2, 3}) {
                p.fund(o, lpt(String.valueOf(4000 - 1000 * o)));
            }
            abi.send(1, bm, BOND_WITH_HINT, lpt("3000"), a, ZERO, ZERO, ZERO, ZERO);
            abi.send(2, bm, BOND_WITH_HINT, lpt("2000"), b, ZERO, ZERO, a, ZERO);
            abi.send(3, bm, BOND_WITH_HINT, lpt("1000"), c, ZERO, ZERO, b, ZERO);
            assertEquals(List.of(a, b), pool(abi, bm));
            abi.send(1, bm, TRANSCODER_WITH_HINT, 100_000, 500_000, ZERO, ZERO);
            abi.send(2, bm, TRANSCODER_WITH_HINT, 200_000, 500_000, ZERO, ZERO);
            abi.send(0, bm, "setNumActiveTranscoders(uint256)", 3);
            TransactionReceipt joined = abi.send(3, bm, TRANSCODER_WITH_HINT, 300_000, 400_000, b, ZERO);
            assertEquals(List.of(c, BigInteger.valueOf(300_000), BigInteger.valueOf(400_000)), lowered(IssueAbi.event(
                    joined, bm, "TranscoderUpdate(address indexed,uint256,uint256)")));
            assertEquals(List.of(c, BigInteger.ONE), lowered(IssueAbi.event(joined, bm,
                    "TranscoderActivated(address indexed,uint256)")));
            assertEquals(List.of(a, b, c), pool(abi, bm));

            // D moves C from 1,000 to 3,500 LPT with a wrong hint (after B): ignored, C goes to the head anyway.
            p.fund(4, lpt("2500"));
            abi.send(4, bm, BOND_WITH_HINT, lpt("2500"), c, ZERO, ZERO, b, ZERO);
            assertEquals(List.of(c, a, b), pool(abi, bm));
            // E adds 600 to B with the right hint (after A, at the tail).
            p.fund(5, lpt("600"));
            abi.send(5, bm, BOND_WITH_HINT, lpt("600"), b, ZERO, ZERO, a, ZERO);
            assertEquals(List.of(c, a, b), pool(abi, bm));

            // bondFor: F pays 500 LPT for account 7 (unbonded), delegated to A, which ties with C and goes after it.
            p.fund(6, lpt("500"));
            BigInteger fBefore = p.lptBalance(6);
            abi.send(6, bm, BOND_FOR_WITH_HINT, lpt("500"), p.address(7), a, ZERO, ZERO, c, b);
            assertEquals(fBefore.subtract(lpt("500")), p.lptBalance(6));
            assertEquals(lpt("500"), delegator(abi, bm, 7).bonded());
            assertEquals(a, IssueAbi.lower(delegator(abi, bm, 7).delegate()));
            assertEquals(List.of(c, a, b), pool(abi, bm));
            // A third party may not choose a bonded owner's delegate, nor make an unbonded owner its own orchestrator.
            abi.assertReverts(RevertReason.BONDING_INVALID_DELEGATE_CHANGE.reason(), 6, bm, BOND_FOR_WITH_HINT, 1,
                    p.address(7), b, ZERO, ZERO, ZERO, ZERO);
            abi.assertReverts(RevertReason.BONDING_INVALID_DELEGATE.reason(), 6, bm, BOND_FOR_WITH_HINT, 1,
                    p.address(8), p.address(8), ZERO, ZERO, ZERO, ZERO);

            p.nextRound();
            long round = p.currentRound();
            // rewardWithHint: A (3,500 + its reward) moves ahead of C; the hint is the head.
            TransactionReceipt reward = abi.send(1, bm, REWARD_WITH_HINT, ZERO, c);
            BigInteger aReward = (BigInteger) IssueAbi.event(reward, bm, "Reward(address indexed,uint256)").get(1);
            assertEquals(lpt("3500").add(aReward), p.transcoderTotalStake(1));
            assertEquals(List.of(a, c, b), pool(abi, bm));

            // unbondingPeriod is a uint64, set by the owner only.
            assertEquals(BigInteger.TWO, abi.call1(bm, "unbondingPeriod()", "uint64"));
            abi.assertReverts(RevertReason.MANAGER_CALLER_IS_NOT_THE_CONTROLLER_OWNER.reason(), 1, bm,
                    "setUnbondingPeriod(uint64)", 3);
            abi.send(0, bm, "setUnbondingPeriod(uint64)", 3);
            assertEquals(BigInteger.valueOf(3), abi.call1(bm, "unbondingPeriod()", "uint64"));

            // unbondWithHint / isValidUnbondingLock / rebondWithHint: C goes 3,500 -> 3,000 -> 3,500, staying second.
            TransactionReceipt unbond = abi.send(4, bm, UNBOND_WITH_HINT, lpt("500"), a, b);
            List<Object> u = IssueAbi.event(unbond, bm,
                    "Unbond(address indexed,address indexed,uint256,uint256,uint256)");
            assertEquals(List.of(c, IssueAbi.lower(p.address(4)), BigInteger.ZERO, lpt("500"),
                    BigInteger.valueOf(round + 3)), lowered(u));
            assertEquals(lpt("3000"), p.transcoderTotalStake(3));
            assertTrue((Boolean) abi.call1(bm, "isValidUnbondingLock(address,uint256)", "bool", p.address(4), 0));
            assertFalse((Boolean) abi.call1(bm, "isValidUnbondingLock(address,uint256)", "bool", p.address(4), 1));
            abi.send(4, bm, REBOND_WITH_HINT, 0, a, b);
            assertFalse((Boolean) abi.call1(bm, "isValidUnbondingLock(address,uint256)", "bool", p.address(4), 0));
            assertEquals(lpt("3500"), p.transcoderTotalStake(3));
            assertEquals(List.of(a, c, b), pool(abi, bm));

            // E leaves B entirely, then rebonds that lock from the unbonded state to C.
            abi.send(5, bm, UNBOND_WITH_HINT, lpt("600"), c, ZERO);
            assertEquals(BigInteger.TWO, abi.call1(bm, "delegatorStatus(address)", "uint8", p.address(5)));
            abi.send(5, bm, REBOND_FROM_UNBONDED_WITH_HINT, c, 0, a, b);
            assertEquals(c, IssueAbi.lower(delegator(abi, bm, 5).delegate()));
            assertEquals(lpt("4100"), p.transcoderTotalStake(3));
            assertEquals(lpt("2000"), p.transcoderTotalStake(2));

            // transferBond: D gives 1,000 of its 2,500 to account 8, which had nothing: 8 is bonded to D's delegate.
            BigInteger dLocks = delegator(abi, bm, 4).nextLockId();
            TransactionReceipt transfer = abi.send(4, bm, TRANSFER_BOND, p.address(8), lpt("1000"), a, b, a, b);
            assertEquals(List.of(IssueAbi.lower(p.address(4)), IssueAbi.lower(p.address(8)), dLocks, BigInteger.ZERO,
                    lpt("1000")), lowered(IssueAbi.event(transfer, bm, TRANSFER_BOND_EVENT)));
            assertEquals(lpt("1500"), delegator(abi, bm, 4).bonded());
            assertEquals(lpt("1000"), delegator(abi, bm, 8).bonded());
            assertEquals(c, IssueAbi.lower(delegator(abi, bm, 8).delegate()));
            assertEquals(lpt("4100"), p.transcoderTotalStake(3), "C keeps the stake: it only changed hands");
            assertFalse((Boolean) abi.call1(bm, "isValidUnbondingLock(address,uint256)", "bool", p.address(4), dLocks));
            assertFalse((Boolean) abi.call1(bm, "isValidUnbondingLock(address,uint256)", "bool", p.address(8), 0),
                    "the transferred lock was rebonded at once");

            // checkpointBondingState: anyone checkpoints any account; BondingVotes then knows it.
            String votes = p.addresses.bondingVotes();
            assertFalse((Boolean) abi.call1(votes, "hasCheckpoint(address)", "bool", p.address(0)));
            abi.send(9, bm, "checkpointBondingState(address)", p.address(0));
            assertTrue((Boolean) abi.call1(votes, "hasCheckpoint(address)", "bool", p.address(0)));
            // Next round's votes: each orchestrator's delegated stake; account 8 votes with its 1,000.
            for (int o : new int[] {1, 2, 3}) {
                assertEquals(p.transcoderTotalStake(o), abi.uint(votes, "getVotes(address)", p.address(o)));
            }
            assertEquals(lpt("1000"), abi.uint(votes, "getVotes(address)", p.address(8)));
            assertEquals(abi.uint(bm, "nextRoundTotalActiveStake()"), abi.uint(votes, "totalSupply()"));
        }
    }

    record DelegatorView(BigInteger bonded, String delegate, BigInteger nextLockId) {
    }

    static DelegatorView delegator(IssueAbi abi, String bm, int account) throws Exception {
        List<Object> d = abi.call(bm, "getDelegator(address)",
                "uint256,uint256,address,uint256,uint256,uint256,uint256", abi.address(account));
        return new DelegatorView((BigInteger) d.get(0), (String) d.get(2), (BigInteger) d.get(6));
    }

    /** The pool from head to tail. */
    static List<String> pool(IssueAbi abi, String bm) throws Exception {
        List<String> order = new ArrayList<>();
        for (String t = (String) abi.call1(bm, "getFirstTranscoderInPool()", "address"); !t.equals(ZERO);
                t = (String) abi.call1(bm, "getNextTranscoderInPool(address)", "address", t)) {
            order.add(IssueAbi.lower(t));
        }
        return order;
    }

    static List<Object> lowered(List<Object> values) {
        return values.stream().map(v -> v instanceof String s ? IssueAbi.lower(s) : v).toList();
    }
}
