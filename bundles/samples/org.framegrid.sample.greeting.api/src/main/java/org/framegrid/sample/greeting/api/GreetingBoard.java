package org.framegrid.sample.greeting.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Shows which {@link Greeting} a long-lived consumer is bound to right now, so that tests and operators can see a
 * hot deploy take effect without the consumer being restarted.
 */
@ProviderType
public interface GreetingBoard {

    /** @return the bound greeting applied to {@code name}, or {@code null} while no greeting is available */
    String current(String name);

    /** @return an id of this activation of the consumer: a restarted consumer has a new one, a rebound one keeps it */
    String activation();

    /** @return how many times a greeting has been bound (grows with every swap) */
    int bindings();
}
