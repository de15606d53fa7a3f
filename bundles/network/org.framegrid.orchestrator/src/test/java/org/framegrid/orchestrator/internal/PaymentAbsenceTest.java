package org.framegrid.orchestrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.framegrid.node.api.Readiness;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The orchestrator says why it has no payment receiver, from SCR's state of the components that would provide one,
 * instead of guessing that the payment bundle is missing (issue 18).
 */
class PaymentAbsenceTest {
    private static final String CHAIN = "org.framegrid.payment.api.ticket.TicketChain";
    /** The ticket receiver component's name (its class name, as DS names a component without one). */
    private static final String RECEIVER = "TicketPaymentReceiver";

    /** The receiver as its bundle declares it: a PaymentReceiver with a mandatory reference "chain". */
    private static ComponentDescriptionDTO receiver() {
        ReferenceDTO chain = new ReferenceDTO();
        chain.name = "chain";
        chain.interfaceName = CHAIN;
        return description(RECEIVER,
                new String[] {PaymentReceiver.class.getName(), "org.framegrid.node.api.MetricSource"},
                "framegrid.payment.tickets.receiver", chain);
    }

    private static ComponentDescriptionDTO description(String name, String[] services, String pid,
            ReferenceDTO... references) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = name;
        d.serviceInterfaces = services;
        d.configurationPolicy = "require";
        d.configurationPid = new String[] {pid};
        d.references = references;
        return d;
    }

    private static ComponentConfigurationDTO configuration(int state) {
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.state = state;
        c.unsatisfiedReferences = new UnsatisfiedReferenceDTO[0];
        return c;
    }

    /** SCR's answers for these descriptions and configurations; the rest of its interface is not called. */
    private static ServiceComponentRuntime scr(Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> state) {
        return (ServiceComponentRuntime) Proxy.newProxyInstance(PaymentAbsenceTest.class.getClassLoader(),
                new Class<?>[] {ServiceComponentRuntime.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getComponentDescriptionDTOs" -> List.copyOf(state.keySet());
                    case "getComponentConfigurationDTOs" -> state.get((ComponentDescriptionDTO) args[0]);
                    case "isComponentEnabled" -> true;
                    default -> throw new AssertionError("not read: " + method);
                });
    }

    private static String readiness(ServiceComponentRuntime scr) throws Exception {
        OrchestratorSettings settings = new OrchestratorSettings("0xo", "127.0.0.1", 0, false, List.of(), 1,
                BigInteger.ONE, 10, 1000);
        PaymentReceivers receivers = new PaymentReceivers();
        receivers.explainAbsence(() -> PaymentAbsence.reason(scr));
        try (EmbeddedEngine engine = new EmbeddedEngine(1000, false)) {
            Readiness r = OrchestratorReadiness.check(settings, engine, engine, new ModelWarmth(), receivers);
            assertFalse(r.ready());
            return r.detail();
        }
    }

    @Test
    void namesTheChainComponentsMissingConfigurationBehindTheUnsatisfiedReceiver() throws Exception {
        ComponentConfigurationDTO waiting = configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        UnsatisfiedReferenceDTO chain = new UnsatisfiedReferenceDTO();
        chain.name = "chain";
        waiting.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {chain};
        ServiceComponentRuntime scr = scr(Map.of(receiver(), List.of(waiting),
                description("org.framegrid.chain.tickets", new String[] {CHAIN}, "framegrid.payment.tickets.chain"),
                List.of()));
        assertEquals("no payment receiver: component " + RECEIVER + " "
                + "waits for reference chain (" + CHAIN + "): component org.framegrid.chain.tickets has no "
                + "configuration framegrid.payment.tickets.chain", readiness(scr));
    }

    @Test
    void givesTheRootCauseOfTheReceiversFailureAndOfTheChainComponentItUses() throws Exception {
        // As Felix SCR reports them (seen on a node whose tickets.chain.key.file names a missing file): the receiver
        // fails on its reference, the chain component (which provides both of the receiver's references) on its key.
        ComponentConfigurationDTO failed = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION);
        failed.failure = "java.lang.InstantiationException: Unable to get service for reference chain\n\tat ...";
        ComponentConfigurationDTO chainFailed = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION);
        chainFailed.failure = "java.lang.reflect.InvocationTargetException\n\tat ...\nCaused by: "
                + "java.lang.IllegalArgumentException: configuration framegrid.payment.tickets.chain: cannot read "
                + "key.file /keys/o1.key: /keys/o1.key\n\tat ...";
        ReferenceDTO redeemer = new ReferenceDTO();
        redeemer.name = "redeemer";
        redeemer.interfaceName = "org.framegrid.payment.api.ticket.TicketRedeemer";
        ComponentDescriptionDTO receiver = receiver();
        receiver.references = new ReferenceDTO[] {receiver.references[0], redeemer};
        ServiceComponentRuntime scr = scr(Map.of(receiver, List.of(failed),
                description("org.framegrid.chain.tickets", new String[] {CHAIN, redeemer.interfaceName},
                        "framegrid.payment.tickets.chain"), List.of(chainFailed)));
        assertEquals("no payment receiver: component " + RECEIVER + " "
                + "failed to activate: java.lang.InstantiationException: Unable to get service for reference chain; "
                + "component org.framegrid.chain.tickets failed to activate: java.lang.IllegalArgumentException: "
                + "configuration framegrid.payment.tickets.chain: cannot read key.file /keys/o1.key: /keys/o1.key",
                readiness(scr));
    }

    @Test
    void saysTheBundleIsMissingOnlyWhenNoComponentProvidesAReceiver() throws Exception {
        assertEquals("no payment receiver (no installed bundle provides one: the payment bundle is missing)",
                readiness(scr(Map.of())));
    }
}
