package org.framegrid.trickle;

import org.osgi.annotation.versioning.ConsumerType;

/** Answers one request of a route; see {@link TrickleServer#route}. */
@ConsumerType
@FunctionalInterface
public interface HttpHandler {

    /**
     * @param call the request, body fully read
     * @return the reply; an exception becomes 500 with its message
     * @throws Exception on failure
     */
    HttpReply handle(HttpCall call) throws Exception;
}
