package org.framegrid.sample.greeting.consumer.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.framegrid.sample.greeting.api.Greeting;
import org.framegrid.sample.greeting.api.GreetingBoard;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * A long-lived consumer that follows the best {@link Greeting} without ever being restarted: a dynamic, greedy
 * reference is rebound in place when a better (or newer) greeting appears, and cleared only if the departing one is
 * still the bound one (with GREEDY the replacement is bound before the old one is unbound).
 */
@Component(name = "org.framegrid.sample.greeting.consumer", immediate = true)
public final class GreetingBoardComponent implements GreetingBoard {

    private final String activation = UUID.randomUUID().toString();
    private final AtomicInteger bindings = new AtomicInteger();
    private final Logger log;
    private volatile Greeting greeting;

    @Activate
    public GreetingBoardComponent(@Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        log.info("greeting board active"); // DS binds method references after the constructor
    }

    @Deactivate
    void deactivate() {
        log.info("greeting board deactivated");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindGreeting(Greeting newGreeting) {
        greeting = newGreeting;
        bindings.incrementAndGet();
        log.info("greeting board now says: {}", newGreeting.greet("Framegrid"));
    }

    void unbindGreeting(Greeting oldGreeting) {
        if (greeting == oldGreeting) {
            greeting = null;
            log.info("greeting board has no greeting");
        }
    }

    @Override
    public String current(String name) {
        Greeting bound = greeting; // read once: it can change between two reads
        return bound == null ? null : bound.greet(name);
    }

    @Override
    public String activation() {
        return activation;
    }

    @Override
    public int bindings() {
        return bindings.get();
    }
}
