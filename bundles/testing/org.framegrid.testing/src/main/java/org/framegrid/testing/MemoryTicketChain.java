package org.framegrid.testing;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.ticket.RedeemedTickets;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;

/**
 * A {@link TicketChain} held in memory, for tests of ticket payments without a chain: rounds of 100 blocks, round 10
 * at block 1000 and initialised, gas at 1 gwei, a ticket validity of 2 rounds, and each sender's funds as
 * {@link #fund} calls (or {@link #setSender}) left them. Redemptions are not kept: a test's redeemer counts them.
 * Thread-safe.
 */
public final class MemoryTicketChain implements TicketChain {

    private static final String BLOCK_HASH = "0x" + "07".repeat(32);

    private volatile long round = 10;
    private volatile long block = 1000;
    private final Map<String, SenderState> senders = new ConcurrentHashMap<>();

    @Override
    public RoundInfo round() {
        // Only the round, the block and the block hash matter to tickets.
        return new RoundInfo(round, 100, round * 100, block, true, false, round, BLOCK_HASH);
    }

    @Override
    public long ticketValidityPeriod() {
        return 2;
    }

    @Override
    public BigInteger gasPrice() {
        return BigInteger.valueOf(1_000_000_000L);
    }

    @Override
    public SenderState sender(String sender, String recipient) {
        return senders.getOrDefault(sender.toLowerCase(Locale.ROOT),
                new SenderState(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0));
    }

    /** Adds to the sender's deposit and reserve (its reserve allocation grows with the reserve). */
    @Override
    public String fund(String sender, BigInteger deposit, BigInteger reserve) {
        senders.merge(sender.toLowerCase(Locale.ROOT), new SenderState(deposit, reserve, reserve, 0),
                (a, b) -> new SenderState(a.deposit().add(b.deposit()), a.reserve().add(b.reserve()),
                        a.reserveAllocation().add(b.reserveAllocation()), 0));
        return "0x" + "00".repeat(32);
    }

    @Override
    public RedeemedTickets redeemed(String recipient) {
        throw new UnsupportedOperationException("MemoryTicketChain keeps no redemptions (the test's redeemer does)");
    }

    /** Sets what the chain says about {@code sender}'s funds. */
    public void setSender(String sender, SenderState state) {
        senders.put(sender.toLowerCase(Locale.ROOT), state);
    }

    /** @return the senders whose funds the chain knows (funded or set), lower case */
    public Set<String> senders() {
        return Set.copyOf(senders.keySet());
    }

    /** Moves the chain {@code rounds} rounds on (the block with them). */
    public void advanceRounds(long rounds) {
        round += rounds;
        block += rounds * 100;
    }

    /** Moves the chain {@code blocks} blocks on, within the current round. */
    public void advanceBlocks(long blocks) {
        block += blocks;
    }
}
