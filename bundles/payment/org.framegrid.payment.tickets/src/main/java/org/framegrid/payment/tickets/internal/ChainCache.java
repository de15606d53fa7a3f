package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;

/**
 * The chain reads a recipient makes per payment (the round, the validity period, a sender's funds, the gas price), each
 * reused for {@code maxAgeMillis}: validating a batch must not wait for the chain every time. While the chain cannot be reached,
 * the last value read stands in for up to {@code outageGraceMillis} after its read (a short RPC outage must not refuse
 * every payment and fail every stream over: a sender's deposit cannot leave within it, its unlock takes rounds); after
 * that, reads throw {@link IllegalStateException}, as {@link TicketChain} does. Thread-safe.
 */
final class ChainCache {
    /** The default outage grace: two minutes. */
    static final long OUTAGE_GRACE_MILLIS = 120_000;
    private final TicketChain chain;
    private final String recipient;
    private final long maxAgeNanos;
    private final long outageGraceNanos;
    private final Cached<RoundInfo> round;
    private final Cached<Long> validityPeriod;
    private final Cached<BigInteger> gasPrice;
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
                try {
                    seen = read.get();
                } catch (IllegalStateException chainDown) {
                    if (seen == null || System.nanoTime() - readAtNanos > outageGraceNanos) {
                        throw chainDown;
                    }
                    return seen; // the chain is unreachable: the last value read, within the grace
                }
                readAtNanos = System.nanoTime();
                value = seen;
            }
            return seen;
        }
    }

    ChainCache(TicketChain chain, String recipient, long maxAgeMillis, long outageGraceMillis) {
        this.chain = chain;
        this.recipient = recipient;
        this.maxAgeNanos = maxAgeMillis * 1_000_000L;
        this.outageGraceNanos = outageGraceMillis * 1_000_000L;
        this.round = new Cached<>(chain::round);
        this.validityPeriod = new Cached<>(chain::ticketValidityPeriod);
        this.gasPrice = new Cached<>(chain::gasPrice);
    }

    /** @param fresh read the chain now, whatever the cache holds */
    RoundInfo round(boolean fresh) {
        return round.get(fresh);
    }

    long ticketValidityPeriod() {
        return validityPeriod.get(false);
    }

    /** @return the gas price a redemption would pay now (what face values are made of) */
    BigInteger gasPrice() {
        return gasPrice.get(false);
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
