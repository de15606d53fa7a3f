package org.framegrid.orchestrator.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.framegrid.payment.api.PaymentReceiver;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Why no {@link PaymentReceiver} is registered, read from SCR: the components that would provide one, and what each
 * waits for — a configuration not set, a reference not satisfied (followed to the components that would satisfy it,
 * a few levels deep), or an activation that failed — so that an operator reads the cause, not a guess.
 */
final class PaymentAbsence {
    /** How far a chain of unsatisfied references is followed. */
    private static final int DEPTH = 3;

    private PaymentAbsence() {
    }

    /** @return the reason, one line: what is missing, and why (SCR's view), or the bundle missing when SCR is absent */
    static String reason(ServiceComponentRuntime scr) {
        if (scr == null) {
            return "no payment receiver (the payment bundle is missing)";
        }
        String why = why(scr, PaymentReceiver.class.getName(), DEPTH);
        return why == null ? "no payment receiver (no installed bundle provides one: the payment bundle is missing)"
                : "no payment receiver: " + why;
    }

    /** @return why no component provides {@code service}, or {@code null} when none is installed to provide it */
    private static String why(ServiceComponentRuntime scr, String service, int depth) {
        List<String> causes = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!Arrays.asList(d.serviceInterfaces).contains(service)) {
                continue;
            }
            String subject = "component " + d.name;
            if (!scr.isComponentEnabled(d)) {
                causes.add(subject + " is disabled");
                continue;
            }
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(d);
            if (configurations.isEmpty() && "require".equals(d.configurationPolicy)) {
                causes.add(subject + " has no configuration " + String.join(", ", d.configurationPid));
            }
            for (ComponentConfigurationDTO c : configurations) {
                String cause = cause(scr, d, c, depth);
                if (cause != null) {
                    causes.add(subject + " " + cause);
                }
            }
        }
        return causes.isEmpty() ? null : String.join("; ", causes);
    }

    /**
     * @param failure SCR's account of a failed activation: a stack trace, whose root cause ({@code Caused by:}) says
     *     more than the reflective wrapper on its first line
     * @return the root cause's line
     */
    static String rootCause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        String cause = failure.lines().findFirst().orElseThrow().strip();
        for (String line : failure.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length()).strip();
            }
        }
        return cause;
    }

    /** @return what keeps configuration {@code c} of {@code d} from providing its service, or {@code null} if nothing */
    private static String cause(ServiceComponentRuntime scr, ComponentDescriptionDTO d, ComponentConfigurationDTO c,
            int depth) {
        switch (c.state) {
            case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED -> {
                return null;
            }
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> {
                return "has no configuration " + String.join(", ", d.configurationPid);
            }
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> {
                // A provider it uses that failed too is the likelier cause (a delayed service fails on first use).
                Set<String> below = new LinkedHashSet<>();
                for (ReferenceDTO r : d.references) {
                    String why = depth > 1 ? why(scr, r.interfaceName, depth - 1) : null;
                    if (why != null) {
                        below.add(why);
                    }
                }
                return "failed to activate: " + rootCause(c.failure)
                        + (below.isEmpty() ? "" : "; " + String.join("; ", below));
            }
            default -> {
                List<String> missing = new ArrayList<>();
                for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
                    String type = Arrays.stream(d.references).filter(r -> r.name.equals(u.name))
                            .map(r -> r.interfaceName).findFirst().orElse("?");
                    String below = depth > 1 ? why(scr, type, depth - 1) : null;
                    missing.add("reference " + u.name + " (" + type + (u.target == null ? "" : " " + u.target)
                            + ")" + (below == null ? ": no installed component provides it" : ": " + below));
                }
                return missing.isEmpty() ? "is in state " + c.state : "waits for " + String.join(", ", missing);
            }
        }
    }
}
