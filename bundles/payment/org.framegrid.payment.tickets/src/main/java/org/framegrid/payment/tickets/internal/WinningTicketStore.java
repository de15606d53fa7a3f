package org.framegrid.payment.tickets.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Winning tickets on disk (H2 MVStore), written and synced before a payment is acknowledged, and kept until they are
 * redeemed or can never be. Also keeps session balances across a clean restart or a replacement of the bundle.
 */
final class WinningTicketStore implements AutoCloseable {
    static final String RETRY_ON_INTERRUPT = "retry:";
    private final MVStore store;
    private final MVMap<Long, byte[]> pending;
    private final MVMap<Long, String> done;
    private final MVMap<String, byte[]> balances;

    private WinningTicketStore(MVStore store) {
        this.store = store;
        this.pending = store.openMap("pending");
        this.done = store.openMap("done");
        this.balances = store.openMap("balances");
    }

    /** Opens (or creates) the store in {@code file}. */
    static WinningTicketStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("winning-ticket store: cannot create " + file.getParent() + ": " + e);
        }
        // Commits happen only where we ask, each followed by an fsync. "retry:" (H2's FilePathRetryOnInterrupt) reopens
        // the file when a thread is interrupted inside a read or write (an HTTP thread of a closing connection, a
        // stopping worker): a plain FileChannel is closed by the interrupt, and every later write and the final save of
        // the balances would fail.
        MVStore store = new MVStore.Builder().fileName(RETRY_ON_INTERRUPT + file).autoCommitDisabled().open();
        return new WinningTicketStore(store);
    }

    /** Replaces the saved session balances (on a clean stop). */
    synchronized void saveBalances(Map<String, java.math.BigInteger> sessions) {
        balances.clear();
        sessions.forEach((session, wei) -> balances.put(session, wei.toByteArray()));
        durable();
    }

    /** @return the balances saved by the last clean stop, and forgets them (they are credited once) */
    synchronized Map<String, java.math.BigInteger> takeBalances() {
        Map<String, java.math.BigInteger> saved = new LinkedHashMap<>();
        balances.forEach((session, wei) -> saved.put(session, new java.math.BigInteger(wei)));
        balances.clear();
        durable();
        return saved;
    }

    /** Adds a winner and returns once it is on disk. @return its id */
    synchronized long add(WinningTicket winner) {
        long id = pending.isEmpty() && done.isEmpty() ? 1 : Math.max(maxKey(pending), maxKey(done)) + 1;
        pending.put(id, TicketCodec.encodeWinner(winner));
        durable();
        return id;
    }

    private static long maxKey(MVMap<Long, ?> map) {
        Long last = map.lastKey();
        return last == null ? 0 : last;
    }

    /** @return the winners not yet redeemed, oldest first */
    synchronized Map<Long, WinningTicket> pending() {
        Map<Long, WinningTicket> all = new LinkedHashMap<>();
        pending.forEach((id, bytes) -> all.put(id, TicketCodec.decodeWinner(bytes)));
        return all;
    }

    /** @return how many winners wait for redemption */
    synchronized int pendingCount() {
        return pending.size();
    }

    synchronized WinningTicket get(long id) {
        byte[] bytes = pending.get(id);
        return bytes == null ? null : TicketCodec.decodeWinner(bytes);
    }

    /** Moves a winner out of pending with its outcome (a transaction hash, or why it can never be redeemed). */
    synchronized void finish(long id, String outcome) {
        if (pending.remove(id) != null) {
            done.put(id, outcome);
            durable();
        }
    }

    /** @return the outcome of a finished winner, or null while pending or unknown */
    synchronized String outcome(long id) {
        return done.get(id);
    }

    private void durable() {
        store.commit();
        store.sync();
    }

    /** Clean shutdown. */
    @Override
    public synchronized void close() {
        store.close();
    }

    /** Drops the store without a final commit, as a crash would (tests). */
    synchronized void closeAbruptly() {
        store.closeImmediately();
    }
}
