package org.framegrid.trickle.internal;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Open connections per client address of one server, bounded by {@link ServerLimits#connectionsPerAddress()}. */
final class ConnectionsPerAddress {
    private final int limit;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    /** @return whether {@code address} may open one more connection; if so it counts until {@link #closed} */
    boolean tryOpen(InetAddress address) {
        boolean[] taken = new boolean[1];
        open.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = now < limit;
            return taken[0] ? now + 1 : n;
        });
        return taken[0];
    }

    /** A connection that {@link #tryOpen} admitted closed. */
    void closed(InetAddress address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    int limit() {
        return limit;
    }
}
