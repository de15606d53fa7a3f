package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The BondingManager's pool of orchestrators as read at one block: its members in list order (stake descending, a
 * newcomer after every member with equal or more stake) and its capacity. It works out the position hint of the
 * {@code *WithHint} calls, the members an orchestrator goes between when its stake changes, as go-livepeer does from
 * the pool it reads. With the right hint the contract inserts in O(1); a hint gone stale (the pool changed before the
 * transaction was mined) costs the walk the plain call takes, never a wrong order. Immutable.
 */
final class PoolSnapshot {

    /** A member and the stake the pool orders it by, wei. */
    record Member(String address, BigInteger stake) {
    }

    /** The members a changed orchestrator goes between: {@code prev} has at least its stake, {@code next} less. */
    record Hint(String prev, String next) {
    }

    /** No hint: the contract walks the pool. */
    static final Hint NONE = new Hint(ChainClient.ZERO_ADDRESS, ChainClient.ZERO_ADDRESS);

    private final List<Member> members;
    private final int maxSize;

    /** @param members in list order, addresses lower-case */
    PoolSnapshot(List<Member> members, int maxSize) {
        this.members = List.copyOf(members);
        this.maxSize = maxSize;
    }

    List<Member> members() {
        return members;
    }

    boolean contains(String address) {
        return indexOf(address) >= 0;
    }

    /** @return the stake the pool holds for member {@code address} */
    BigInteger stake(String address) {
        int i = indexOf(address);
        if (i < 0) {
            throw new IllegalArgumentException(address + " is not in the pool");
        }
        return members.get(i).stake();
    }

    /**
     * The hint for a registered orchestrator whose stake becomes {@code newStake}: a member moves; a newcomer joins
     * when there is room or when it has more stake than the last member, which then leaves.
     *
     * @return the hint, or {@link #NONE} when the change leaves the pool as it is (a newcomer that does not get in)
     */
    Hint hintFor(String address, BigInteger newStake) {
        List<Member> rest = placeFor(address, newStake);
        return rest == null ? NONE : position(rest, newStake);
    }

    /** @return the pool after {@code address}'s stake becomes {@code newStake}, as {@link #hintFor} describes it */
    PoolSnapshot after(String address, BigInteger newStake) {
        List<Member> rest = placeFor(address, newStake);
        if (rest == null) {
            return this;
        }
        Hint at = position(rest, newStake);
        List<Member> moved = new ArrayList<>(rest);
        int index = at.prev().equals(ChainClient.ZERO_ADDRESS) ? 0 : indexOf(rest, at.prev()) + 1;
        moved.add(index, new Member(address, newStake));
        return new PoolSnapshot(moved, maxSize);
    }

    /** @return the pool after {@code address} resigns (unbonds its whole self-bond) */
    PoolSnapshot without(String address) {
        return new PoolSnapshot(members.stream().filter(m -> !m.address().equals(address)).toList(), maxSize);
    }

    /** The list {@code address} is inserted into, or {@code null} when it does not get in. */
    private List<Member> placeFor(String address, BigInteger newStake) {
        if (contains(address)) {
            return without(address).members;
        }
        if (members.size() < maxSize) {
            return members;
        }
        Member last = members.get(members.size() - 1);
        return newStake.compareTo(last.stake()) > 0 ? members.subList(0, members.size() - 1) : null;
    }

    /** SortedPool's walk: after the last member whose stake is at least {@code stake}. */
    private static Hint position(List<Member> list, BigInteger stake) {
        int next = 0;
        while (next < list.size() && list.get(next).stake().compareTo(stake) >= 0) {
            next++;
        }
        String prev = next == 0 ? ChainClient.ZERO_ADDRESS : list.get(next - 1).address();
        return new Hint(prev, next == list.size() ? ChainClient.ZERO_ADDRESS : list.get(next).address());
    }

    private int indexOf(String address) {
        return indexOf(members, address);
    }

    private static int indexOf(List<Member> list, String address) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).address().equals(address)) {
                return i;
            }
        }
        return -1;
    }
}
