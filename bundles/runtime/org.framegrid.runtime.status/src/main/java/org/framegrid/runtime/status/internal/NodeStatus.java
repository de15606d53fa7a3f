package org.framegrid.runtime.status.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * A snapshot of the node: bundles and DS components by state. Immutable; built on the caller's thread.
 *
 * @param bundles          installed bundles
 * @param activeBundles    bundles ACTIVE, or RESOLVED fragments (which never become active)
 * @param components       component configurations
 * @param activeComponents configurations ACTIVE or SATISFIED (delayed components wait for their first user)
 * @param problems         each bundle that is not active and each unsatisfied component, with the cause
 */
record NodeStatus(int bundles, int activeBundles, int components, int activeComponents, List<Problem> problems) {

    /** What is not active, and why: printed as one line, {@code SUBJECT is DETAIL}. */
    record Problem(String subject, String detail) {
        boolean component() {
            return subject.startsWith("component ");
        }

        @Override
        public String toString() {
            return subject + " is " + detail;
        }
    }

    static NodeStatus read(BundleContext context, ServiceComponentRuntime scr) {
        List<Problem> problems = new ArrayList<>();
        Bundle[] all = context.getBundles();
        int active = 0;
        for (Bundle bundle : all) {
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            if (bundle.getState() == Bundle.ACTIVE || (fragment && bundle.getState() == Bundle.RESOLVED)) {
                active++;
            } else {
                problems.add(new Problem("bundle " + bundle.getSymbolicName() + " " + bundle.getVersion(),
                        stateName(bundle.getState())));
            }
        }
        int components = 0;
        int activeComponents = 0;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                components++;
                if (configuration.state == ComponentConfigurationDTO.ACTIVE
                        || configuration.state == ComponentConfigurationDTO.SATISFIED) {
                    activeComponents++;
                } else {
                    problems.add(new Problem("component " + description.name, "unsatisfied: " + cause(configuration)));
                }
            }
        }
        return new NodeStatus(all.length, active, components, activeComponents, List.copyOf(problems));
    }

    private static String cause(ComponentConfigurationDTO configuration) {
        List<String> causes = new ArrayList<>();
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            causes.add("no " + reference.name + " (" + reference.target + ")");
        }
        if (configuration.failure != null) {
            causes.add(configuration.failure.lines().findFirst().orElse("activation failed"));
        }
        if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
            causes.add("waiting for its configuration");
        }
        return causes.isEmpty() ? "state " + configuration.state : String.join(", ", causes);
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED (not resolved)";
            case Bundle.RESOLVED -> "RESOLVED (not started)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "in state " + state;
        };
    }

    /** The one line an operator reads at start-up. */
    String summary() {
        return "%d/%d bundles active, %d/%d components active".formatted(activeBundles, bundles, activeComponents, components);
    }
}
