package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.ticket.RedeemedTickets;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;

/** A TicketChain held in memory, for tests that exercise the ticket logic without a node (the anvil test uses one). */
final class MemoryChain implements TicketChain {
    volatile long round = 10;
    volatile long block = 1000;
    volatile BigInteger gasPrice = BigInteger.valueOf(1_000_000_000L);
    final byte[] blockHash = Keccak.keccak256("round 10".getBytes());
    final Map<String, SenderState> senders = new ConcurrentHashMap<>();

    @Override
    public RoundInfo round() {
        // Rounds of 100 blocks, the round initialised: only round, block and block hash matter to tickets.
        return new RoundInfo(round, 100, round * 100, block, true, false, round, Bytes.hex(blockHash));
    }

    @Override
    public long ticketValidityPeriod() {
        return 2;
    }

    @Override
    public BigInteger gasPrice() {
        return gasPrice;
    }

    @Override
    public SenderState sender(String sender, String recipient) {
        return senders.getOrDefault(Bytes.normalize(sender),
                new SenderState(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0));
    }

    @Override
    public String fund(String sender, BigInteger deposit, BigInteger reserve) {
        senders.merge(Bytes.normalize(sender), new SenderState(deposit, reserve, reserve, 0),
                (a, b) -> new SenderState(a.deposit().add(b.deposit()), a.reserve().add(b.reserve()),
                        a.reserveAllocation().add(b.reserveAllocation()), 0));
        return "0x" + "00".repeat(32);
    }

    @Override
    public RedeemedTickets redeemed(String recipient) {
        throw new UnsupportedOperationException("MemoryChain keeps no redemptions (RecordingRedeemer does)");
    }
}
