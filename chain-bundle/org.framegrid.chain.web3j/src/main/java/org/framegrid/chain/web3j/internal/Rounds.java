package org.framegrid.chain.web3j.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.RoundEvent;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.chain.api.RoundListener;
import org.framegrid.chain.api.RoundService;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@link RoundService}: runs the {@link RoundKeeper} on its own thread every {@code poll.millis} and hands its events
 * to the {@link RoundListener} whiteboard, in order, on that thread. As a {@link MetricSource}: the reward
 * transactions it sent, the last round rewarded, and the chain client's failed JSON-RPC requests.
 */
@Component(name = "org.framegrid.chain.rounds", service = {RoundService.class, MetricSource.class},
        configurationPid = ChainConnection.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true) // it works without being asked
public final class Rounds implements RoundService, MetricSource {

    /** The {@code rounds.*} keys of the chain configuration (documented in {@link ChainConnection.Config}). */
    public @interface Config {
        long rounds_poll_millis() default 1000;

        boolean rounds_initialize() default true;

        boolean rounds_reward() default true;
    }

    private final System.Logger log = System.getLogger(Rounds.class.getName());
    private final List<RoundListener> listeners = new CopyOnWriteArrayList<>();
    private final ChainClient chain;
    private final RoundKeeper keeper;
    private final ScheduledExecutorService thread;
    private String lastProblem;
    private int failedSteps;

    @Activate
    public Rounds(@Reference(name = "chain") ChainClient chain, Config config) {
        this.chain = chain;
        this.keeper = new RoundKeeper(chain, config.rounds_initialize(), config.rounds_reward(), this::publish);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "framegrid-rounds"));
        thread.scheduleWithFixedDelay(this::step, 0, Math.max(10, config.rounds_poll_millis()), TimeUnit.MILLISECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(RoundListener listener) {
        listeners.add(listener);
    }

    void removeListener(RoundListener listener) {
        listeners.remove(listener);
    }

    private void step() {
        try {
            keeper.step();
            lastProblem = null;
            failedSteps = 0;
        } catch (ChainException | RuntimeException e) {
            // One failed look is no news (the node may be stopping its devchain right now); a lasting problem is said
            // once, and again only when it changes.
            String problem = String.valueOf(e.getMessage());
            if (++failedSteps >= 2 && !problem.equals(lastProblem)) {
                log.log(System.Logger.Level.WARNING, "round keeper: " + problem);
                lastProblem = problem;
            }
        }
    }

    private void publish(RoundEvent event) {
        log.log(System.Logger.Level.INFO, "round " + event.round() + " " + event.type().name().toLowerCase(java.util.Locale.ROOT)
                + (event.type() == RoundEvent.Type.REWARDED ? " (" + org.framegrid.chain.api.Units.formatTokens(event.amount(), 2)
                        + " LPT to its pool, the treasury's cut aside)" : ""));
        for (RoundListener listener : listeners) {
            try {
                listener.roundEvent(event);
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "round listener " + listener + " failed on " + event, e);
            }
        }
    }

    @Override
    public RoundInfo current() throws ChainException {
        RoundInfo seen = keeper.last();
        return seen != null ? seen : new NetworkStatsReader(chain, chain.logs()).round();
    }

    @Override
    public long lastRewardedRound() {
        return keeper.rewardedRound();
    }

    @Override
    public void collect(MetricWriter out) {
        Map<String, String> labels = Map.of("chain_id", Long.toString(chain.chainId()));
        out.counter("framegrid_chain_reward_calls", "reward() transactions the node sent for its orchestrator and "
                + "saw mined", labels, keeper.rewardCalls());
        out.gauge("framegrid_chain_last_rewarded_round", "The last round the node's orchestrator was rewarded for "
                + "(-1: none since the node started)", labels, keeper.rewardedRound());
        chain.rpcErrors().forEach((methodAndKind, n) -> {
            int space = methodAndKind.indexOf(' ');
            out.counter("framegrid_chain_rpc_errors", "The chain client's JSON-RPC requests that failed, by method "
                    + "and kind (transport: no answer; error: the node answered with an error, a revert included)",
                    Map.of("chain_id", labels.get("chain_id"), "method", methodAndKind.substring(0, space),
                            "kind", methodAndKind.substring(space + 1)), n);
        });
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
