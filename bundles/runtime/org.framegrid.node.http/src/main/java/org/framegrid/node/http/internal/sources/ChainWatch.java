package org.framegrid.node.http.internal.sources;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.ChainService;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.framegrid.node.api.Readiness;
import org.framegrid.node.api.ReadinessCheck;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The node's chain as the operator sees it, on a node that has one: the round and block read every
 * {@link #PERIOD_SECONDS} s on a thread of its own (a scrape or a probe never waits on the chain), the reads that
 * failed, and the readiness condition {@code chain}: ready while the last read succeeded. Without a chain service
 * there are no chain metrics and the condition says so (a configured chain that has not connected yet shows among
 * the bundles and components instead).
 */
@Component(name = "org.framegrid.node.http.chain", service = {MetricSource.class, ReadinessCheck.class})
public final class ChainWatch implements MetricSource, ReadinessCheck {

    static final long PERIOD_SECONDS = 5;

    /** What the last read found: a round and a block, or why there was none. */
    private record Reading(RoundInfo round, long block, String problem) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChainService chain;
    private final AtomicLong failedReads = new AtomicLong();
    private final ScheduledExecutorService reader;
    private volatile Reading last = new Reading(null, 0, "not read yet");

    @Activate
    public ChainWatch() {
        this.reader = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("chain-watch").factory());
        reader.scheduleWithFixedDelay(this::read, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** Outside a framework (tests): watching {@code chain}, read with {@link #read()} only. */
    ChainWatch(ChainService chain) {
        this.chain = chain;
        this.reader = null;
    }

    @Deactivate
    void deactivate() {
        if (reader != null) {
            reader.shutdownNow();
        }
    }

    /** Reads the round and the block now. */
    void read() {
        ChainService c = chain;
        if (c == null) {
            return;
        }
        try {
            last = new Reading(c.round(), c.blockNumber(), null);
        } catch (ChainException | RuntimeException e) {
            failedReads.incrementAndGet();
            last = new Reading(last.round(), last.block(), e.getMessage());
        }
    }

    @Override
    public void collect(MetricWriter out) {
        ChainService c = chain;
        if (c == null) {
            return;
        }
        Reading r = last;
        Map<String, String> labels = Map.of("chain_id", Long.toString(c.chainId()));
        out.gauge("framegrid_chain_reachable", "1 while the node's last chain read succeeded", labels,
                r.problem() == null ? 1 : 0);
        out.counter("framegrid_chain_read_errors", "Chain reads of the node's status that failed", labels,
                failedReads.get());
        if (r.round() != null) {
            out.gauge("framegrid_chain_round", "The current round (RoundsManager)", labels, r.round().round());
            out.gauge("framegrid_chain_round_initialized", "1 when the current round is initialised", labels,
                    r.round().initialized() ? 1 : 0);
            out.gauge("framegrid_chain_block", "The latest block number", labels, r.block());
        }
    }

    @Override
    public List<Readiness> check() {
        ChainService c = chain;
        if (c == null) {
            return List.of(new Readiness("chain", true, "no chain service: none is configured, or it has not connected"
                    + " yet (then the condition chain connection says why)"));
        }
        Reading r = last;
        String where = "chain " + c.chainId() + " at " + c.rpcUrl();
        if (r.problem() != null) {
            return List.of(new Readiness("chain", false, where + ": " + r.problem()));
        }
        return List.of(new Readiness("chain", true, where + ": round " + r.round().round() + ", block " + r.block()));
    }
}
