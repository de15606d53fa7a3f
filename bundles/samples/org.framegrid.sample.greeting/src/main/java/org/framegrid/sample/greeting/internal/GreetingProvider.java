package org.framegrid.sample.greeting.internal;

import org.framegrid.sample.greeting.api.Greeting;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Greets in the words of its bundle's {@code Framegrid-Greeting} header, signed with the bundle version, so that a
 * newer copy of the same jar (a different header or version) is visibly a different greeting.
 */
@Component(name = "org.framegrid.sample.greeting")
public final class GreetingProvider implements Greeting {

    static final String GREETING_HEADER = "Framegrid-Greeting";

    private final String words;
    private final String version;
    private final Logger log;

    @Activate
    public GreetingProvider(BundleContext context, @Reference(service = LoggerFactory.class) Logger log) {
        String header = context.getBundle().getHeaders().get(GREETING_HEADER);
        this.words = header == null || header.isBlank() ? "Hello" : header.strip();
        this.version = context.getBundle().getVersion().toString();
        this.log = log;
        log.info("greeting {} active: \"{}\"", version, words);
    }

    @Deactivate
    void deactivate() {
        log.info("greeting {} deactivated", version);
    }

    @Override
    public String greet(String name) {
        return words + ", " + name + "! (greeting " + version + ")";
    }
}
