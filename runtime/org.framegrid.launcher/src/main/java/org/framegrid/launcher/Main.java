package org.framegrid.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;

/**
 * {@code framegrid [--home DIR] [--shell]} starts a node from a node folder ({@code bin/ lib/ bundle/ conf/ deploy/
 * pipelines/}); {@code framegrid [--home DIR] --tool NAME ARGS...} boots the same bundles without hot deploy, runs one
 * tool and exits with its status.
 */
public final class Main {

    private static final String FILEINSTALL = "org.apache.felix.fileinstall";
    /** A tool serves nothing: the node running from the same folder has the operator endpoints. */
    private static final String NODE_HTTP = "org.framegrid.node.http";
    private static volatile boolean signalled;
    private static final long STOP_TIMEOUT_MILLIS = 5_000;

    private Main() {
    }

    public static void main(String[] args) {
        // Before anything touches JUL: our manager keeps the log open while the shutdown hook stops the framework.
        System.setProperty("java.util.logging.manager", NodeLogManager.class.getName());
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("framegrid: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        try {
            System.exit(options.tool() == null ? runNode(options) : runTool(options));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("framegrid: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("framegrid: the node failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static int runNode(Options options) throws Exception {
        Map<String, String> config = NodeConfig.load(options.home());
        NodeLog.configure(Level.parse(config.getOrDefault("framegrid.log.level", "INFO")),
                Path.of(config.getOrDefault("framegrid.log.dir", options.home().resolve("log").toString())),
                Integer.parseInt(config.getOrDefault("framegrid.log.file.size", "10485760")),
                Integer.parseInt(config.getOrDefault("framegrid.log.file.count", "5")),
                "json".equals(config.getOrDefault("framegrid.log.format", "text")));
        Logger log = NodeLog.logger("launcher");
        for (String dir : List.of("framegrid.deploy.dir", "framegrid.pipelines.dir")) {
            if (config.containsKey(dir)) {
                Files.createDirectories(Path.of(config.get(dir)));
            }
        }
        List<Path> bundleDirs = new ArrayList<>(List.of(options.home().resolve("bundle")));
        if (options.shell()) {
            bundleDirs.add(options.home().resolve("bundle/shell"));
        }
        log.info("starting Framegrid node in " + config.get(NodeConfig.HOME) + " on Java " + Runtime.version());
        Node node = Node.create(config);
        // Before any bundle starts: a Ctrl-C during a slow start still stops the framework cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnSignal(node, log), "framegrid-shutdown"));
        node.start(bundleDirs, bundle -> false);
        node.awaitStop();
        if (!signalled) { // stopped from inside (e.g. 'stop 0' in the shell); otherwise the hook reports
            log.info("Framegrid node stopped");
        }
        return 0;
    }

    private static void stopOnSignal(Node node, Logger log) {
        signalled = true;
        int state = node.framework().getState();
        if (state == Bundle.ACTIVE || state == Bundle.STARTING) { // STARTING: signalled during start-up
            long start = System.nanoTime();
            log.info("stopping Framegrid node");
            try {
                boolean stopped = node.stop(STOP_TIMEOUT_MILLIS);
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (stopped) {
                    log.info("Framegrid node stopped in " + millis + " ms");
                } else {
                    log.severe("Framegrid node did not stop within " + STOP_TIMEOUT_MILLIS + " ms; exiting anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (LogManager.getLogManager() instanceof NodeLogManager logs) {
            logs.clear(); // flush and close the log file last
        }
    }

    private static int runTool(Options options) throws Exception {
        Map<String, String> config = NodeConfig.load(options.home());
        // A tool must not share the cache of a node that may be running from the same folder.
        Path cache = Files.createTempDirectory("framegrid-tool");
        config.put("org.osgi.framework.storage", cache.toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.remove("framegrid.deploy.dir"); // a tool neither hot-deploys nor loads the node's pipelines
        config.remove("framegrid.pipelines.dir");
        NodeLog.configure(Level.WARNING, null, 0, 0, false); // the tool's output is the point; only problems logged
        // The node's bundles as deployed (models, stages in deploy/), installed once: a tool watches nothing.
        List<Path> bundleDirs = new ArrayList<>(List.of(options.home().resolve("bundle")));
        if (Files.isDirectory(options.home().resolve("deploy"))) {
            bundleDirs.add(options.home().resolve("deploy"));
        }
        Node node = Node.create(config);
        node.start(bundleDirs, bundle -> FILEINSTALL.equals(bundle.getSymbolicName())
                || NODE_HTTP.equals(bundle.getSymbolicName()));
        try {
            if (options.tool().isEmpty()) {
                return Tool.list(node.framework().getBundleContext());
            }
            return Tool.run(node.framework().getBundleContext(), options.tool(), options.toolArgs());
        } finally {
            node.stop(STOP_TIMEOUT_MILLIS);
            deleteTree(cache);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless; the tool's result matters more.
        }
    }
}
