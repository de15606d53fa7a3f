package org.framegrid.gateway.internal;

import java.math.BigInteger;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.trickle.tls.NodeTrust;

/**
 * The orchestrators a gateway knows: its static list, plus what its directory (the chain's pool) published, read
 * again periodically on a thread of its own. A failed read keeps the last list and is reported. A published
 * orchestrator's service URI is from then on trusted only with a certificate bound to its address. Thread-safe.
 */
final class OrchestratorDiscovery implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OrchestratorDiscovery.class.getName());

    private final GatewaySettings settings;
    private final OrchestratorDirectory directory;
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gateway-discovery").factory());
    private volatile List<OrchestratorDirectory.Listing> discovered = List.of();
    private volatile String error;
    private final NodeTrust trust;
    /** Told of service URIs read for the first time. */
    private final Consumer<List<URI>> found;
    private final Set<URI> seen = ConcurrentHashMap.newKeySet();

    /**
     * @param directory where more orchestrators are published, or {@code null} for the static list only
     * @param periodMillis how often the directory is read again (at least 1 s); the first read happens at once, in
     *     the background
     */
    OrchestratorDiscovery(GatewaySettings settings, OrchestratorDirectory directory, long periodMillis,
                          NodeTrust trust, Consumer<List<URI>> found) {
        this.settings = settings;
        this.directory = directory;
        this.trust = trust;
        this.found = found;
        if (directory != null) {
            reader.scheduleWithFixedDelay(this::discover, 0, Math.max(1000, periodMillis), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Reads the directory now; a failure keeps the last list and is reported in {@link #report()}. A gateway with a
     * static list only has nothing to read.
     */
    void discover() {
        if (directory == null) {
            return;
        }
        try {
            List<OrchestratorDirectory.Listing> listings = List.copyOf(directory.orchestrators());
            // Each service URI must present a certificate bound to the address that published it.
            listings.forEach(l -> trust.expect(l.uri(), l.address()));
            discovered = listings;
            error = null;
            List<URI> fresh = listings.stream().map(OrchestratorDirectory.Listing::uri).filter(seen::add).toList();
            if (!fresh.isEmpty()) {
                found.accept(fresh);
            }
        } catch (Exception e) {
            error = "orchestrator discovery failed: " + e.getMessage();
            LOG.warning(error);
        }
    }

    /** @return {@code {static: [uri], chain: [{address, uri, stake}], error?}}: {@code GET /v1/orchestrators} */
    Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("static", settings.orchestrators().stream().map(URI::toString).toList());
        m.put("chain", discovered);
        String last = error;
        if (last != null) {
            m.put("error", last);
        }
        return m;
    }

    /** @return the static list, then the discovered URIs not already in it */
    List<URI> candidates() {
        Set<URI> all = new LinkedHashSet<>(settings.orchestrators());
        discovered.forEach(l -> all.add(l.uri()));
        return List.copyOf(all);
    }

    /** @return stake per lower-case address: configured values, overridden by what the chain says */
    Map<String, BigInteger> stakes() {
        Map<String, BigInteger> stakes = new HashMap<>();
        settings.stakes().forEach((a, s) -> stakes.put(a.toLowerCase(Locale.ROOT), s));
        discovered.forEach(l -> stakes.put(l.address().toLowerCase(Locale.ROOT), l.stake()));
        return stakes;
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
