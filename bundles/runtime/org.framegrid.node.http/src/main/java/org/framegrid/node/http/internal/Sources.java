package org.framegrid.node.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.framegrid.node.api.Readiness;
import org.framegrid.node.api.ReadinessCheck;

/**
 * The whiteboard: every {@link MetricSource} and {@link ReadinessCheck} registered now. A source or check that throws
 * is left out of that one answer (its readiness becomes "not ready" with the exception), so one broken bundle never
 * hides the rest of the node. Thread-safe.
 */
final class Sources {

    private static final Logger LOG = Logger.getLogger(Sources.class.getName());

    private final List<MetricSource> metrics = new CopyOnWriteArrayList<>();
    private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
    /** Sources already reported as failing: logged once, not at every scrape. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    void add(MetricSource source) {
        metrics.add(source);
    }

    void remove(MetricSource source) {
        metrics.remove(source);
    }

    void add(ReadinessCheck check) {
        checks.add(check);
    }

    void remove(ReadinessCheck check) {
        checks.remove(check);
    }

    /** Lets every source write into {@code out}. */
    void collect(MetricWriter out) {
        for (MetricSource source : metrics) {
            try {
                source.collect(out);
            } catch (RuntimeException e) {
                if (failing.add(source.getClass().getName())) {
                    LOG.log(Level.WARNING, "metric source " + source.getClass().getName() + " failed; left out", e);
                }
            }
        }
    }

    /** @return every check's conditions, in registration order */
    List<Readiness> readiness() {
        List<Readiness> all = new ArrayList<>();
        for (ReadinessCheck check : checks) {
            try {
                all.addAll(check.check());
            } catch (RuntimeException e) {
                all.add(new Readiness(check.getClass().getSimpleName(), false, "the check failed: " + e));
            }
        }
        return all;
    }
}
