package org.framegrid.runtime.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;

import javax.inject.Inject;

import org.framegrid.sample.greeting.api.Greeting;
import org.framegrid.sample.greeting.api.GreetingBoard;
import org.framegrid.testing.Await;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Hot deploy through the watched folder: a provider bundle copied in appears as a service, a newer copy of the jar
 * replaces it under a consumer that is rebound (dynamic greedy reference) and never restarted, and removing the file
 * takes the service away. No framework restart anywhere.
 */
public class HotDeployIT extends NodeTest {

    @Inject
    private GreetingBoard board;

    @Override
    @Configuration
    public Option[] configuration() {
        return NodeBundles.withDeployFolder(
                bundle(NodeBundles.sample("org.framegrid.sample.greeting.api").toUri().toString()),
                bundle(NodeBundles.sample("org.framegrid.sample.greeting.consumer").toUri().toString()));
    }

    @Test
    public void bundleIsDeployedReplacedAndRemovedWithoutRestart() throws Exception {
        Path deploy = Path.of(context.getProperty("felix.fileinstall.dir"));
        Path deployed = deploy.resolve("greeting.jar");
        String activation = board.activation();
        assertNull("no greeting before the drop", board.current("Ada"));

        Path provider = NodeBundles.sample("org.framegrid.sample.greeting");
        Files.copy(provider, deployed);
        Await.until("the dropped bundle's service appears", WAIT_MILLIS,
                () -> greetings().size() == 1 && board.current("Ada") != null);
        assertEquals("Hello, Ada! (greeting 0.1.0.SNAPSHOT)", board.current("Ada"));
        int bindings = board.bindings();

        // A second version of the same jar, written elsewhere and moved over the deployed file in one step.
        Path second = deploy.resolveSibling("greeting-second.jar");
        Bundles.withHeaders(provider, second, Map.of("Bundle-Version", "0.2.0.second", "Framegrid-Greeting", "Bonjour"));
        Files.move(second, deployed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Await.until("the consumer is rebound to the new version", WAIT_MILLIS,
                () -> "Bonjour, Ada! (greeting 0.2.0.second)".equals(board.current("Ada")));
        assertEquals("one greeting service, the new one", 1, greetings().size());
        assertEquals("0.2.0.second", greetings().iterator().next().getBundle().getVersion().toString());
        assertEquals("the consumer was not restarted", activation, board.activation());
        assertTrue("the consumer saw a new binding", board.bindings() > bindings);

        Files.delete(deployed);
        Await.until("the service goes with the file", WAIT_MILLIS,
                () -> greetings().isEmpty() && board.current("Ada") == null);
        assertEquals("the consumer is still the same instance", activation, board.activation());
    }

    private Collection<ServiceReference<Greeting>> greetings() {
        try {
            return context.getServiceReferences(Greeting.class, null);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
