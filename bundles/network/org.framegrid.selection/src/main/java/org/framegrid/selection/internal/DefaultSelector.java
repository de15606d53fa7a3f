package org.framegrid.selection.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.framegrid.selection.api.Candidate;
import org.framegrid.selection.api.Observation;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.selection.api.SelectionRequest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Filters candidates (pipeline offered, price within the cap, free capacity, not suspended, not excluded), scores
 * the rest by stake share, measured latency and success rate, and draws the order weighted by score, so that stake
 * steers traffic without sending every stream to the largest orchestrator. A failure or stall suspends an
 * orchestrator for {@code suspend.seconds}, doubling with each consecutive failure (capped at 16x); a success resets
 * the count. When every orchestrator that could take a stream is suspended, they are offered anyway, the one whose
 * suspension ends first first.
 */
@Component(name = "org.framegrid.selection.default", property = "service.ranking:Integer=0")
@Designate(ocd = DefaultSelector.Config.class)
public final class DefaultSelector implements OrchestratorSelector {

    // The configuration's defaults, named once: the annotation and the no-argument constructor both use them.
    static final double STAKE_WEIGHT = 0.5;
    static final double LATENCY_WEIGHT = 0.3;
    static final double SUCCESS_WEIGHT = 0.2;
    static final double SUSPEND_SECONDS = 30;

    @ObjectClassDefinition(name = "Framegrid default orchestrator selection")
    public @interface Config {
        @AttributeDefinition(description = "Weight of the stake share in the score. Since 0.1.")
        double stake_weight() default STAKE_WEIGHT;

        @AttributeDefinition(description = "Weight of the latency term 100/(100+ms). Since 0.1.")
        double latency_weight() default LATENCY_WEIGHT;

        @AttributeDefinition(description = "Weight of the success rate (moving average). Since 0.1.")
        double success_weight() default SUCCESS_WEIGHT;

        @AttributeDefinition(description = "Seconds a failing orchestrator is suspended at first. Since 0.1.")
        double suspend_seconds() default SUSPEND_SECONDS;
    }

    private final double stakeWeight;
    private final double latencyWeight;
    private final double successWeight;
    private final long suspendNanos;
    private final RandomGenerator random;
    private final Map<String, Record> records = new ConcurrentHashMap<>();

    @Activate
    public DefaultSelector(Config config) {
        this(config.stake_weight(), config.latency_weight(), config.success_weight(), config.suspend_seconds(),
                RandomGenerator.of("L64X128MixRandom"));
    }

    /**
     * With the configuration's defaults: the selection that {@link java.util.ServiceLoader} gives tests and tools of
     * other modules ({@code META-INF/services}).
     */
    public DefaultSelector() {
        this(STAKE_WEIGHT, LATENCY_WEIGHT, SUCCESS_WEIGHT, SUSPEND_SECONDS, RandomGenerator.of("L64X128MixRandom"));
    }

    /** For tests and tools: explicit weights and a (seeded) random source. */
    public DefaultSelector(double stakeWeight, double latencyWeight, double successWeight, double suspendSeconds,
                           RandomGenerator random) {
        this.stakeWeight = stakeWeight;
        this.latencyWeight = latencyWeight;
        this.successWeight = successWeight;
        this.suspendNanos = (long) (suspendSeconds * 1e9);
        this.random = random;
    }

    @Override
    public List<Candidate> select(SelectionRequest request, List<Candidate> candidates, int limit) {
        long now = System.nanoTime();
        int n = candidates.size();
        Candidate[] usable = new Candidate[n];
        double[] stake = new double[n];
        int count = 0;
        double maxStake = 0;
        BigInteger cap = request.maxPricePerSecondWei();
        List<Candidate> suspended = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.freeCapacity() <= 0 || !c.pipelines().contains(request.pipeline())
                    || c.pricePerSecondWei().compareTo(cap) > 0 || request.exclude().contains(c.address())) {
                continue;
            }
            Record r = records.get(c.address());
            if (r != null && r.suspendedUntil - now > 0) {
                suspended.add(c);
                continue;
            }
            double s = c.stake().doubleValue();
            usable[count] = c;
            stake[count++] = s;
            maxStake = Math.max(maxStake, s);
        }
        if (count == 0 && !suspended.isEmpty()) {
            // Every orchestrator that could take it is suspended: the one whose suspension ends first is still better
            // than none (a chain outage and a few kills once suspended all of them for minutes, every stream down).
            suspended.sort(Comparator.comparingLong(c -> records.get(c.address()).suspendedUntil - now));
            return List.copyOf(suspended.subList(0, Math.min(limit, suspended.size())));
        }
        double[] score = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++) {
            Record r = records.get(usable[i].address());
            double latency = r == null || r.latencyMillis < 0 ? 0.5 : 100 / (100 + r.latencyMillis);
            double success = r == null ? 1.0 : r.successRate;
            double share = maxStake > 0 ? stake[i] / maxStake : 1.0;
            // A small floor keeps every qualifying candidate drawable (new orchestrators with no stake yet).
            score[i] = 1e-3 + stakeWeight * share + latencyWeight * latency + successWeight * success;
            total += score[i];
        }
        List<Candidate> order = new ArrayList<>(Math.min(limit, count));
        for (int k = 0; k < limit && count > 0; k++) {
            double pick = random.nextDouble() * total;
            int i = 0;
            while (i < count - 1 && pick >= score[i]) {
                pick -= score[i++];
            }
            order.add(usable[i]);
            total -= score[i];
            // Remove i by moving the last one into its place.
            usable[i] = usable[--count];
            score[i] = score[count];
        }
        return order;
    }

    @Override
    public void observe(Observation o) {
        Record r = records.computeIfAbsent(o.address(), a -> new Record());
        synchronized (r) {
            if (o.latencyMillis() >= 0) {
                r.latencyMillis = r.latencyMillis < 0 ? o.latencyMillis() : 0.8 * r.latencyMillis + 0.2 * o.latencyMillis();
            }
            switch (o.outcome()) {
                case SUCCESS -> {
                    r.successRate = 0.9 * r.successRate + 0.1;
                    r.consecutiveFailures = 0;
                }
                case FAILURE, STALLED -> {
                    r.suspensions++;
                    r.successRate = 0.9 * r.successRate;
                    int shift = Math.min(r.consecutiveFailures++, 4);
                    r.suspendedUntil = System.nanoTime() + (suspendNanos << shift);
                }
                case BUSY -> r.suspendedUntil = System.nanoTime() + suspendNanos / 10;
            }
        }
    }

    @Override
    public boolean suspended(String address) {
        Record r = records.get(address);
        return r != null && r.suspendedUntil - System.nanoTime() > 0;
    }

    /** What the operator's metrics show of one orchestrator ({@link SelectionMetrics}). */
    record Known(String address, boolean suspended, long suspensions, double successRate, double latencyMillis) {
    }

    /** @return every orchestrator observed so far, as it stands now */
    List<Known> known() {
        long now = System.nanoTime();
        List<Known> all = new ArrayList<>();
        records.forEach((address, r) -> {
            synchronized (r) {
                all.add(new Known(address, r.suspendedUntil - now > 0, r.suspensions, r.successRate,
                        r.latencyMillis));
            }
        });
        return all;
    }

    /** What was learnt about one orchestrator. */
    private static final class Record {
        volatile double latencyMillis = -1;
        volatile double successRate = 1.0;
        volatile long suspendedUntil = System.nanoTime();
        int consecutiveFailures;
        /** Failures and stalls that suspended it (metrics). */
        long suspensions;
    }
}
