package org.framegrid.webrtc.api;

import java.util.List;
import java.util.Objects;

/**
 * A STUN or TURN server, as clients are told about it.
 *
 * @param urls e.g. {@code stun:stun.example.org:3478} or {@code turn:turn.example.org:3478?transport=udp}; never
 *     empty
 * @param username the TURN user name, or {@code null}
 * @param credential the TURN password, or {@code null}
 */
public record IceServer(List<String> urls, String username, String credential) {
    /** Copies the list. */
    public IceServer {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an ICE server needs at least one URL");
        }
        Objects.requireNonNull(urls.get(0));
    }
}
