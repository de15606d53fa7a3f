package org.framegrid.trickle;

import java.net.URI;
import org.framegrid.trickle.channel.SegmentChannel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One running HTTP server: trickle channels under {@link #TRICKLE_PATH} and routes under their own prefixes. Closing
 * it stops listening and ends every open response. Thread-safe.
 */
@ProviderType
public interface TrickleServer extends AutoCloseable {
    /** Path prefix of every channel: {@code /trickle/NAME/SEQ}. */
    String TRICKLE_PATH = "/trickle/";
    /** Response header: the sequence number of the segment in the body. */
    String SEQ_HEADER = "Lp-Trickle-Seq";
    /** Response header present when the channel is closed (no further segments). */
    String CLOSED_HEADER = "Lp-Trickle-Closed";
    /** Content type of media channels. */
    String MEDIA = "video/MP2T";
    /** Content type of JSON channels (one message per segment). */
    String JSON = "application/json";

    /** @return {@code http://host:port} or {@code https://host:port} */
    URI baseUri();

    /** @return the absolute URL of channel {@code name} (append {@code /SEQ}) */
    URI channelUri(String name);

    /**
     * Serves a channel. Segments published over HTTP go into {@code channel}; readers read from it, so the channel
     * can equally be written in-process (an encoder) and read over HTTP, or the other way round.
     *
     * @param name the channel name, {@code [A-Za-z0-9._-]+}
     * @param contentType {@link #MEDIA} or {@link #JSON}
     * @param channel where the segments live
     * @param publishable whether HTTP clients may publish into it
     * @throws IllegalArgumentException if the name is malformed or already served
     */
    void serve(String name, String contentType, SegmentChannel channel, boolean publishable);

    /** Stops serving a channel (it is not closed: its owner closes it). @return whether it was served */
    boolean unserve(String name);

    /**
     * Adds a route: every request whose path starts with {@code prefix} goes to {@code handler}, on a virtual thread
     * (handlers may block). The longest matching prefix wins.
     *
     * @param prefix e.g. {@code /v1/}
     * @param handler the handler
     */
    void route(String prefix, HttpHandler handler);

    /** Stops listening and ends open exchanges. Idempotent. */
    @Override
    void close();
}
