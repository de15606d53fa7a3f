package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.framegrid.payment.api.ticket.RedemptionException;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.Ticket;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;

/**
 * Redeems stored winners one at a time on its own thread. Before each attempt it checks what the broker would
 * check (ticket not expired, sender has funds, redeeming pays for its gas); the redeemer simulates the transaction
 * before it sends it. What happens next depends on the answer:
 * <ul>
 * <li>transient failures (node unreachable) are retried with exponential backoff;</li>
 * <li>a ticket the chain refuses for now (the simulation reverts for a reason a new round can change, e.g. the
 * orchestrator has no active stake yet) waits for the next round: nothing is simulated or sent in between, one line
 * per round and reason says why tickets wait, and the ticket is dropped with one line once it expires;</li>
 * <li>a ticket that can never be redeemed is dropped with its reason.</li>
 * </ul>
 * On start it picks up whatever the store still holds (a crash or restart loses nothing). {@link #close} stops it
 * cooperatively: an attempt in progress ends (its store write included) before the store is closed, as an interrupt
 * in the middle of a write closed the store's file under it.
 */
final class RedemptionWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedemptionWorker.class.getName());
    /** How long {@link #close} waits for an attempt in progress (a redemption transaction) before interrupting it. */
    static final long STOP_SECONDS = 10;

    /**
     * @param firstRetryMillis wait before the first retry; doubles per attempt
     * @param maxRetryMillis longest wait between attempts
     * @param redeemGas gas a redemption uses, to compare its cost with the face value
     * @param roundPollMillis how often the round is read while a winner waits for the next one
     */
    record Settings(long firstRetryMillis, long maxRetryMillis, long redeemGas, long roundPollMillis) {
        /**
         * Settings that read the round as often as the first retry waits: one cheap read for all waiting winners,
         * frequent enough that a short round (a devchain's) is not missed before its tickets expire.
         */
        Settings(long firstRetryMillis, long maxRetryMillis, long redeemGas) {
            this(firstRetryMillis, maxRetryMillis, redeemGas, firstRetryMillis);
        }
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
    /** Winners waiting for a round after the one they were refused in (id → that round); worker thread only. */
    private final Map<Long, Long> waiting = new LinkedHashMap<>();
    /** Reasons already reported per round, so that many tickets waiting for one reason make one line a round. */
    private final Set<Reported> reported = new HashSet<>();
    private ScheduledFuture<?> roundWatch;
    /** When the redemptions' current run of failed attempts began (System.nanoTime), 0 when none; worker thread only. */
    private long outageSince;
    private long outageAttempts;
    /** Set by {@link #close}: queued attempts return without touching the store or the chain. */
    private volatile boolean closing;

    private record Reported(long round, String why) {
    }

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
        try {
            executor.execute(() -> attempt(id, 0));
        } catch (RejectedExecutionException closed) {
            // closing: the winner is in the store, the next start redeems it
        }
    }

    private void attempt(long id, int attempt) {
        if (closing) {
            return; // the winner stays in the store for the next start
        }
        WinningTicket winner = store.get(id);
        if (winner == null) {
            return;
        }
        Ticket ticket = winner.ticket();
        long round;
        long lastValid;
        try {
            round = chain.round().round();
            lastValid = ticket.creationRound() + chain.ticketValidityPeriod() - 1;
        } catch (RuntimeException chainDown) {
            retry(id, attempt, String.valueOf(chainDown.getMessage()));
            return;
        }
        if (round > lastValid) {
            unredeemable.add(1, ticket.faceValue());
            finish(id, winner, "expired: creation round " + ticket.creationRound() + ", valid through round "
                    + lastValid + ", now round " + round);
            return;
        }
        try {
            BigInteger gasCost = chain.gasPrice().multiply(BigInteger.valueOf(settings.redeemGas()));
            if (gasCost.compareTo(ticket.faceValue()) >= 0) {
                retry(id, attempt, "gas cost " + gasCost + " wei is not below face value " + ticket.faceValue());
                return;
            }
            SenderState funds = chain.sender(ticket.sender(), ticket.recipient());
            if (funds.deposit().signum() == 0 && funds.reserveAllocation().signum() == 0) {
                waitForNextRound(id, round, lastValid, "sender " + ticket.sender()
                        + " has no deposit or reserve allocation left");
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
            switch (e.retry()) {
                case NEVER -> {
                    unredeemable.add(1, ticket.faceValue());
                    finish(id, winner, "failed: " + e.getMessage());
                }
                case SOON -> retry(id, attempt, e.getMessage());
                case NEXT_ROUND -> waitForNextRound(id, round, lastValid, e.getMessage());
            }
        } catch (RuntimeException e) {
            retry(id, attempt, String.valueOf(e.getMessage()));
        }
    }

    private void finish(long id, WinningTicket winner, String outcome) {
        if (outageSince != 0) {
            LOG.log(Level.INFO, "winning tickets are redeemed again, after {0} failed attempts in {1} s",
                    new Object[] {outageAttempts, (System.nanoTime() - outageSince) / 1_000_000_000});
            outageSince = 0;
            outageAttempts = 0;
        }
        store.finish(id, outcome);
        settled.accept(winner.ticket().sender(), winner.ticket().faceValue());
        LOG.log(Level.INFO, "winning ticket {0}: {1}", new Object[] {id, outcome});
    }

    private void retry(long id, int attempt, String why) {
        failedAttempts.add(1, BigInteger.ZERO);
        long delay = Math.min(settings.maxRetryMillis(), settings.firstRetryMillis() << Math.min(attempt, 20));
        // One line per outage, not per attempt: a long one retried every ticket every few minutes, each a line.
        outageAttempts++;
        if (outageSince == 0) {
            outageSince = System.nanoTime();
            LOG.log(Level.WARNING, "winning tickets are not being redeemed ({0}); each is tried again with backoff up "
                    + "to {1} ms, one line when they are redeemed again", new Object[] {why, settings.maxRetryMillis()});
        } else {
            LOG.log(Level.FINE, "winning ticket {0}: attempt {1} not redeemed ({2}); retrying in {3} ms",
                    new Object[] {id, attempt + 1, why, delay});
        }
        if (!executor.isShutdown()) {
            executor.schedule(() -> attempt(id, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** The chain refused {@code id} in {@code round}: nothing more until a later round (or its expiry). */
    private void waitForNextRound(long id, long round, long lastValid, String why) {
        waiting.put(id, round);
        if (reported.add(new Reported(round, why))) {
            LOG.log(Level.WARNING, "winning tickets cannot be redeemed in round {0} ({1}); they are kept and "
                    + "simulated again next round (ticket {2} is valid through round {3})",
                    new Object[] {round, why, id, lastValid});
        } else {
            LOG.log(Level.FINE, "winning ticket {0} waits for the round after {1}: {2}", new Object[] {id, round, why});
        }
        if (roundWatch == null && !executor.isShutdown()) {
            roundWatch = executor.scheduleWithFixedDelay(this::watchRound, settings.roundPollMillis(),
                    settings.roundPollMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the round (one read for every waiting winner); those refused in an earlier round try again. */
    private void watchRound() {
        if (closing) {
            return;
        }
        if (waiting.isEmpty()) {
            roundWatch.cancel(false);
            roundWatch = null;
            return;
        }
        long round;
        try {
            round = chain.round().round();
        } catch (RuntimeException chainDown) {
            return; // read again at the next tick; the waiting tickets lose nothing
        }
        reported.removeIf(seen -> seen.round() < round);
        List<Long> due = new ArrayList<>();
        waiting.forEach((id, refusedIn) -> {
            if (refusedIn < round) {
                due.add(id);
            }
        });
        for (long id : due) {
            waiting.remove(id);
            attempt(id, 0);
        }
    }

    /**
     * Stops the worker; winners not yet redeemed stay in the store for the next start. Retries and the round watch are
     * dropped, queued attempts return at once, and an attempt in progress is left to finish (its outcome written) for
     * up to {@link #STOP_SECONDS}; only one that is still running then is interrupted (the store is opened so that an
     * interrupt cannot close it).
     */
    @Override
    public void close() {
        closing = true;
        executor.shutdown(); // without interrupting: the policies drop delayed and periodic tasks
        if (!stopped()) {
            LOG.log(Level.WARNING, "a redemption still runs {0} s after the stop began; interrupting it (the winner "
                    + "stays in the store unless its outcome was written)", STOP_SECONDS);
            executor.shutdownNow();
            stopped();
        }
    }

    private boolean stopped() {
        try {
            return executor.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
