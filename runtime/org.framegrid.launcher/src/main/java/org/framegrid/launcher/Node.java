package org.framegrid.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * One embedded Felix framework with the bundles of a node folder installed. The launcher owns this object; bundles
 * never see it.
 */
final class Node {

    private static final Logger LOG = NodeLog.logger("launcher");
    /**
     * Hot deploy starts after every system bundle (the log service above all): what it installs and the messages it
     * writes then reach a complete node.
     */
    private static final String FILEINSTALL = "org.apache.felix.fileinstall";
    private static final int SYSTEM_LEVEL = 1;
    private static final int DEPLOY_LEVEL = 2;

    private final Framework framework;

    private Node(Framework framework) {
        this.framework = framework;
    }

    /** Creates and initialises the framework (nothing installed yet), so that a shutdown hook can already stop it. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // Felix takes an object for felix.log.logger in the string map
    static Node create(Map<String, String> config) throws BundleException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/ is incomplete)"));
        Map<String, Object> frameworkConfig = new HashMap<>(config);
        frameworkConfig.put("org.osgi.framework.startlevel.beginning", Integer.toString(DEPLOY_LEVEL));
        frameworkConfig.put("felix.startlevel.bundle", Integer.toString(SYSTEM_LEVEL));
        frameworkConfig.put("felix.log.logger", new FrameworkLog());
        Framework framework = factory.newFramework((Map) frameworkConfig);
        framework.init();
        return new Node(framework);
    }

    /**
     * Installs every jar of {@code bundleDirs} (in name order) and starts the framework, which starts the bundles. A
     * jar that cannot be installed or started is logged and skipped: the node still comes up.
     *
     * @param leaveOut bundles that are not wanted this time (e.g. FileInstall when running a tool); uninstalled again
     */
    void start(List<Path> bundleDirs, Predicate<Bundle> leaveOut) throws BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars(bundleDirs)) {
            if (stopping()) {
                return; // signalled during start-up: the shutdown hook is stopping the framework
            }
            try {
                installed.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
            } catch (BundleException | RuntimeException e) {
                LOG.log(Level.SEVERE, "cannot install " + jar + ": " + e.getMessage());
            }
        }
        for (Bundle bundle : installed) {
            if (leaveOut.test(bundle)) {
                bundle.uninstall();
                continue;
            }
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            if (FILEINSTALL.equals(bundle.getSymbolicName())) {
                bundle.adapt(BundleStartLevel.class).setStartLevel(DEPLOY_LEVEL);
            }
            try {
                bundle.start(); // recorded now, carried out by framework.start() in install order
            } catch (BundleException e) {
                LOG.log(Level.SEVERE, "cannot start " + bundle.getSymbolicName() + ": " + e.getMessage());
            }
        }
        if (!stopping()) {
            framework.start();
        }
    }

    private boolean stopping() {
        return (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0;
    }

    private static List<Path> jars(List<Path> dirs) {
        List<Path> jars = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list bundles in " + dir + ": " + e.getMessage(), e);
            }
        }
        return jars;
    }

    Framework framework() {
        return framework;
    }

    /**
     * Stops the framework (SCR deactivates every component while it stops their bundles) and waits at most
     * {@code timeoutMillis}.
     *
     * @return true if the framework stopped in time
     */
    boolean stop(long timeoutMillis) throws InterruptedException {
        try {
            framework.stop();
        } catch (BundleException e) {
            LOG.log(Level.SEVERE, "framework did not stop: " + e.getMessage(), e);
            return false;
        }
        return framework.waitForStop(timeoutMillis).getType() != FrameworkEvent.WAIT_TIMEDOUT;
    }

    /** Blocks until the framework stops for any reason (SIGTERM, {@code stop 0} in the shell). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }
}
