package org.framegrid.sample.greeting.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A greeting service: the smallest hot-deployable service, used by the demo and the hot-deploy tests.
 * Implementations are registered by provider bundles dropped into the node's {@code deploy/} folder.
 */
@ConsumerType
public interface Greeting {

    /** @return a greeting for {@code name}; never {@code null}. Must be thread-safe. */
    String greet(String name);
}
