package org.framegrid.node.http.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
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

    /**
     * The sources in registration order, each got from the registry at its first scrape: getting a delayed component
     * while its registration is still being announced (the bind) can find it not ready, and the scrape never is.
     */
    private final Map<Object, LazySource> metrics = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
    /** Sources already reported as failing: logged once, not at every scrape. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    void add(MetricSource source) {
        add(source, () -> source, () -> { });
    }

    void remove(MetricSource source) {
        remove((Object) source);
    }

    /**
     * @param key what names the source for {@link #remove(Object)} (its service reference)
     * @param get gets the source, at the first scrape; {@code null} while it cannot be had (tried again next time)
     * @param release gives it back once it was got
     */
    void add(Object key, Supplier<MetricSource> get, Runnable release) {
        metrics.put(key, new LazySource(get, release));
    }

    void remove(Object key) {
        LazySource source = metrics.remove(key);
        if (source != null) {
            source.release();
        }
    }

    void add(ReadinessCheck check) {
        checks.add(check);
    }

    void remove(ReadinessCheck check) {
        checks.remove(check);
    }

    /** Lets every source write into {@code out}. */
    void collect(MetricWriter out) {
        List<LazySource> now;
        synchronized (metrics) {
            now = List.copyOf(metrics.values());
        }
        for (LazySource lazy : now) {
            MetricSource source = lazy.get();
            if (source == null) {
                continue;
            }
            try {
                source.collect(out);
            } catch (RuntimeException e) {
                if (failing.add(source.getClass().getName())) {
                    LOG.log(Level.WARNING, "metric source " + source.getClass().getName() + " failed; left out", e);
                }
            }
        }
    }

    /** A source got at its first use and released once, if it was got. */
    private static final class LazySource {
        private final Supplier<MetricSource> get;
        private final Runnable release;
        private MetricSource source;
        private boolean released;

        LazySource(Supplier<MetricSource> get, Runnable release) {
            this.get = get;
            this.release = release;
        }

        synchronized MetricSource get() {
            if (source == null && !released) {
                source = get.get();
            }
            return source;
        }

        synchronized void release() {
            released = true;
            if (source != null) {
                source = null;
                release.run();
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
