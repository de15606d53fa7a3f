package org.framegrid.runtime.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The node's own bundles start in a bare framework: every one ACTIVE, every component satisfied. */
@ExamReactorStrategy(PerClass.class)
public class NodeBundlesIT extends NodeTest {

    @Inject
    private ServiceComponentRuntime scr;

    @Test
    public void everyBundleOfTheNodeIsActive() {
        List<String> nodeBundles = new ArrayList<>();
        List<String> notActive = new ArrayList<>();
        String nodeFolder = NodeBundles.nodeDir().resolve("bundle").toUri().toString();
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getLocation().startsWith(nodeFolder)) {
                continue; // the framework itself and Pax Exam's bundles
            }
            nodeBundles.add(bundle.getSymbolicName());
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                notActive.add(bundle.getSymbolicName() + " state " + bundle.getState());
            }
        }
        assertEquals("bundle/ jars installed", NodeBundles.jars(NodeBundles.nodeDir().resolve("bundle")).size(),
                nodeBundles.size());
        assertTrue("the node's own bundles are there: " + nodeBundles,
                nodeBundles.containsAll(List.of("org.framegrid.runtime.logging", "org.framegrid.runtime.status",
                        "org.apache.felix.scr", "org.apache.felix.fileinstall", "org.apache.felix.configadmin")));
        assertEquals("bundles not active", List.of(), notActive);
    }

    @Test
    public void everyComponentIsSatisfied() {
        List<String> components = new ArrayList<>();
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                components.add(description.name);
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    unsatisfied.add(description.name + " state " + configuration.state
                            + " failure " + configuration.failure);
                }
            }
        }
        assertTrue("components found: " + components,
                components.containsAll(List.of("org.framegrid.runtime.logging", "org.framegrid.runtime.status")));
        assertEquals("unsatisfied components", List.of(), unsatisfied);
    }
}
