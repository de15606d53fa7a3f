package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.ticket.RedemptionException;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.Ticket;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;

/**
 * Redeems stored winners one at a time on its own thread. Before each attempt it checks what the broker would
 * check (ticket not expired, sender has funds, redeeming pays for its gas); transient failures are retried with
 * exponential backoff; on start it picks up whatever the store still holds (a crash or restart loses nothing).
 */
final class RedemptionWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedemptionWorker.class.getName());

    /**
     * @param firstRetryMillis wait before the first retry; doubles per attempt
     * @param maxRetryMillis longest wait between attempts
     * @param redeemGas gas a redemption uses, to compare its cost with the face value
     */
    record Settings(long firstRetryMillis, long maxRetryMillis, long redeemGas) {
    }

    private final WinningTicketStore store;
    private final Supplier<TicketRedeemer> redeemer;
    private final TicketChain chain;
    private final Settings settings;
    /** Told (sender, faceValue) when a winner leaves the store, redeemed or not. */
    private final BiConsumer<String, BigInteger> settled;
    private final ScheduledExecutorService executor;
    /** Winners redeemed (face value paid by the broker), winners given up, and attempts that failed and are retried. */
    final TicketCounts redeemed = new TicketCounts();
    final TicketCounts unredeemable = new TicketCounts();
    final TicketCounts failedAttempts = new TicketCounts();

    RedemptionWorker(WinningTicketStore store, Supplier<TicketRedeemer> redeemer, TicketChain chain,
            Settings settings, BiConsumer<String, BigInteger> settled) {
        this.store = store;
        this.redeemer = redeemer;
        this.chain = chain;
        this.settings = settings;
        this.settled = settled;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "framegrid-ticket-redeemer");
            thread.setDaemon(true);
            return thread;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    /** Queues every winner the store still holds (after a restart or crash). */
    void recover() {
        store.pending().keySet().forEach(this::submit);
    }

    /** Queues a stored winner for redemption. */
    void submit(long id) {
        executor.execute(() -> attempt(id, 0));
    }

    private void attempt(long id, int attempt) {
        WinningTicket winner = store.get(id);
        if (winner == null) {
            return;
        }
        Ticket ticket = winner.ticket();
        try {
            RoundInfo now = chain.round();
            if (ticket.creationRound() + chain.ticketValidityPeriod() <= now.lastInitializedRound()) {
                unredeemable.add(1, ticket.faceValue());
                finish(id, winner, "expired: creation round " + ticket.creationRound() + ", now round "
                        + now.lastInitializedRound());
                return;
            }
            BigInteger gasCost = chain.gasPrice().multiply(BigInteger.valueOf(settings.redeemGas()));
            if (gasCost.compareTo(ticket.faceValue()) >= 0) {
                retry(id, attempt, "gas cost " + gasCost + " wei is not below face value " + ticket.faceValue());
                return;
            }
            SenderState funds = chain.sender(ticket.sender(), ticket.recipient());
            if (funds.deposit().signum() == 0 && funds.reserveAllocation().signum() == 0) {
                retry(id, attempt, "sender " + ticket.sender() + " has no deposit or reserve left");
                return;
            }
            TicketRedeemer current = redeemer.get();
            if (current == null) {
                retry(id, attempt, "no TicketRedeemer service");
                return;
            }
            String tx = current.redeem(winner);
            redeemed.add(1, ticket.faceValue());
            finish(id, winner, "redeemed " + tx);
        } catch (RedemptionException e) {
            if (e.retryable()) {
                retry(id, attempt, e.getMessage());
            } else {
                unredeemable.add(1, ticket.faceValue());
                finish(id, winner, "failed: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            retry(id, attempt, String.valueOf(e.getMessage()));
        }
    }

    private void finish(long id, WinningTicket winner, String outcome) {
        store.finish(id, outcome);
        settled.accept(winner.ticket().sender(), winner.ticket().faceValue());
        LOG.log(Level.INFO, "winning ticket {0}: {1}", new Object[] {id, outcome});
    }

    private void retry(long id, int attempt, String why) {
        failedAttempts.add(1, BigInteger.ZERO);
        long delay = Math.min(settings.maxRetryMillis(), settings.firstRetryMillis() << Math.min(attempt, 20));
        LOG.log(Level.WARNING, "winning ticket {0}: attempt {1} not redeemed ({2}); retrying in {3} ms",
                new Object[] {id, attempt + 1, why, delay});
        if (!executor.isShutdown()) {
            executor.schedule(() -> attempt(id, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the worker; winners not yet redeemed stay in the store for the next start. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
