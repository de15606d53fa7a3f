package org.framegrid.trickle.internal;

/**
 * What one connection of a server may cost it: how long it may sit idle, take to send its headers or pause in its
 * body, how many connections one client address may hold, and how large an uploaded segment may be. A hostile or
 * broken client otherwise holds sockets and memory for ever (500 idle connections, 200 slow-loris clients and a
 * 200 MB segment were all kept).
 *
 * @param idleMillis a connection with no request in progress is closed after this long (above the JDK client's
 *     30 s keep-alive, so a client drops a pooled connection before the server does)
 * @param headerMillis a request's headers must be complete this long after its first byte (else 408)
 * @param bodyMillis the longest pause within a request body (else 408); a live upload sends every frame
 * @param connectionsPerAddress open connections one client address may hold (more are answered 429 and closed)
 * @param segmentBytes the largest segment an HTTP client may publish into a channel (else 413)
 * @param writeStallMillis how long an answer may wait with none of it taken by the client (it stopped reading): the
 *     connection is then closed; meanwhile the writers' back-pressure bounds what it holds
 */
record ServerLimits(long idleMillis, long headerMillis, long bodyMillis, int connectionsPerAddress,
                    long segmentBytes, long writeStallMillis) {
    /** The defaults of {@link TrickleServerFactoryComponent.Config}. */
    static final ServerLimits DEFAULTS = new ServerLimits(45_000, 10_000, 15_000, 128, 16L << 20, 30_000);

    ServerLimits {
        if (idleMillis <= 0 || headerMillis <= 0 || bodyMillis <= 0 || connectionsPerAddress <= 0
                || segmentBytes <= 0 || writeStallMillis <= 0) {
            throw new IllegalArgumentException("server limits must be positive: " + idleMillis + " ms idle, "
                    + headerMillis + " ms header, " + bodyMillis + " ms body, " + connectionsPerAddress
                    + " connections per address, " + segmentBytes + " segment bytes, " + writeStallMillis
                    + " ms write stall");
        }
    }

    /** With the default write-stall limit. */
    ServerLimits(long idleMillis, long headerMillis, long bodyMillis, int connectionsPerAddress, long segmentBytes) {
        this(idleMillis, headerMillis, bodyMillis, connectionsPerAddress, segmentBytes, DEFAULTS.writeStallMillis());
    }
}
