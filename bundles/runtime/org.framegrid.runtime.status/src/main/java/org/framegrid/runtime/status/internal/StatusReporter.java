package org.framegrid.runtime.status.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Prints the node's "ready" line once the framework has started every installed bundle, and offers the Gogo command
 * {@code framegrid:status}. SCR activates immediate components while it starts their bundles, so at the framework's
 * STARTED event the counts are final for the bundles the launcher installed; bundles that FileInstall picks up from
 * {@code deploy/} come a moment later and show in {@code framegrid:status}.
 *
 * <p>A bundle that is not active is a problem at once. A component may still be waiting for a service that another
 * component publishes once it has started something slow (the chain connection starts its devchain, say), so
 * unsatisfied components are named at INFO with the ready line and warned about only if they are still unsatisfied
 * {@link #GRACE_SECONDS} later.
 */
@Component(name = "org.framegrid.runtime.status", immediate = true, service = StatusReporter.class,
        property = {"osgi.command.scope=framegrid", "osgi.command.function=status"})
public final class StatusReporter implements FrameworkListener {

    /** Set by the launcher: the folder FileInstall watches for bundles. */
    static final String DEPLOY_DIR = "framegrid.deploy.dir";

    static final long GRACE_SECONDS = 30;

    private final BundleContext context;
    /** Runs the one late look at unsatisfied components; a daemon so that it never holds the JVM. */
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "framegrid-status");
        t.setDaemon(true);
        return t;
    });
    private final ServiceComponentRuntime scr;
    private final Logger log;

    @Activate
    public StatusReporter(BundleContext context, @Reference ServiceComponentRuntime scr,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.scr = scr;
        this.log = log;
        context.addFrameworkListener(this);
        // Installed into a running node (e.g. from deploy/): the STARTED event has already been sent.
        if (context.getBundle(0).getState() == Bundle.ACTIVE) {
            reportReady();
        }
    }

    @Deactivate
    void deactivate() {
        context.removeFrameworkListener(this);
        later.shutdownNow();
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            reportReady();
        }
    }

    private void reportReady() {
        if (context.getBundle(0).getState() != Bundle.ACTIVE) {
            return; // stopped during start-up (Ctrl-C): nothing is ready, and everything is on its way out
        }
        NodeStatus status = NodeStatus.read(context, scr);
        List<NodeStatus.Problem> waiting = status.problems().stream().filter(NodeStatus.Problem::component).toList();
        status.problems().stream().filter(problem -> !problem.component()).map(String::valueOf).forEach(log::warn);
        String deploy = context.getProperty(DEPLOY_DIR);
        log.info("Framegrid node ready in {}: {}; deploy folder: {}", sinceProcessStart(), status.summary(),
                deploy == null ? "(hot deploy off)" : deploy);
        if (!waiting.isEmpty()) {
            log.info("{} component(s) still waiting for their references; checked again in {} s: {}", waiting.size(),
                    GRACE_SECONDS, waiting);
            later.schedule(this::reportStillWaiting, GRACE_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void reportStillWaiting() {
        if (context.getBundle(0).getState() != Bundle.ACTIVE) {
            return;
        }
        NodeStatus.read(context, scr).problems().stream().filter(NodeStatus.Problem::component).map(String::valueOf)
                .forEach(log::warn);
    }

    private static String sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> String.format(Locale.ROOT, "%.2f s", Duration.between(start, Instant.now()).toMillis() / 1000.0))
                .orElse("(unknown time)");
    }

    /** Gogo: {@code framegrid:status} prints the counts and every bundle or component that is not active. */
    public String status() {
        NodeStatus status = NodeStatus.read(context, scr);
        StringBuilder text = new StringBuilder(status.summary());
        status.problems().forEach(problem -> text.append(System.lineSeparator()).append("  ").append(problem));
        return text.toString();
    }
}
