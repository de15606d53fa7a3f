package org.framegrid.payment.tickets.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;

/**
 * The chain reads a recipient makes per payment (the round, the validity period, a sender's funds), each reused for
 * {@code maxAgeMillis}: validating a batch must not wait for the chain every time. Reads throw
 * {@link IllegalStateException} when the chain cannot be reached, as {@link TicketChain} does. Thread-safe.
 */
final class ChainCache {
    private final TicketChain chain;
    private final String recipient;
    private final long maxAgeNanos;
    private final Cached<RoundInfo> round;
    private final Cached<Long> validityPeriod;
    private final Map<String, Cached<SenderState>> senders = new ConcurrentHashMap<>();

    /** One value and when it was read; a stale or forced read replaces it. */
    private final class Cached<T> {
        private final Supplier<T> read;
        private volatile T value;
        private volatile long readAtNanos;

        Cached(Supplier<T> read) {
            this.read = read;
        }

        T get(boolean fresh) {
            T seen = value;
            if (fresh || seen == null || System.nanoTime() - readAtNanos > maxAgeNanos) {
                seen = read.get();
                readAtNanos = System.nanoTime();
                value = seen;
            }
            return seen;
        }
    }

    ChainCache(TicketChain chain, String recipient, long maxAgeMillis) {
        this.chain = chain;
        this.recipient = recipient;
        this.maxAgeNanos = maxAgeMillis * 1_000_000L;
        this.round = new Cached<>(chain::round);
        this.validityPeriod = new Cached<>(chain::ticketValidityPeriod);
    }

    /** @param fresh read the chain now, whatever the cache holds */
    RoundInfo round(boolean fresh) {
        return round.get(fresh);
    }

    long ticketValidityPeriod() {
        return validityPeriod.get(false);
    }

    /** @return {@code sender}'s funds as this recipient may claim them (normalised address) */
    SenderState sender(String sender, boolean fresh) {
        return senders.computeIfAbsent(sender, s -> new Cached<>(() -> chain.sender(s, recipient))).get(fresh);
    }

    /** Drops what is known of {@code sender}'s funds: the next read goes to the chain. */
    void forget(String sender) {
        senders.remove(sender);
    }
}
