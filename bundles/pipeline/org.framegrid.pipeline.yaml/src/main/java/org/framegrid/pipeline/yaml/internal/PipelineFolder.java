package org.framegrid.pipeline.yaml.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.pipeline.yaml.internal.PipelineChecker.Checked;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Keeps the engine's pipeline definitions in step with the node's pipelines folder ({@code framegrid.pipelines.dir}):
 * a new or edited {@code *.yaml}/{@code *.yml} file is checked and registered (streams already running keep the
 * revision they started with), a deleted file's pipeline is removed. A file with problems is logged as
 * {@code FILE:LINE:COL: message} lines and changes nothing: the previous good version, if any, stays. Polls on its own
 * thread, closed on deactivation; an error in one file never stops the others.
 *
 * <p>Stage types come and go with their bundles, so a file is checked again when the set of types changes (a
 * pipeline that names a stage of a bundle dropped into {@code deploy/} later becomes valid then). Scanning starts once
 * the framework has started every bundle of the node, so that start-up does not report types that are on their way.
 * Without {@code framegrid.pipelines.dir} (e.g. when the node only runs a tool) the component watches nothing.
 */
@Component(name = "org.framegrid.pipeline.yaml.folder", immediate = true)
public final class PipelineFolder {

    static final String DIR_PROPERTY = "framegrid.pipelines.dir";
    static final String POLL_PROPERTY = "framegrid.pipelines.poll";

    /** What the last scan saw of a file, and the pipeline it registered (null while it has problems). */
    private record Seen(long modified, long size, String pipeline, boolean valid) {
    }

    private final PipelineService pipelines;
    private final StageCatalog catalog;
    private final PipelineChecker checker;
    private final BundleContext context;
    private final FrameworkListener startListener = this::frameworkEvent;
    private final Logger log;
    private final Path dir;
    private final ScheduledExecutorService poller;
    private final long poll;
    private final Map<Path, Seen> seen = new HashMap<>(); // poller thread only
    private Set<String> types = Set.of(); // poller thread only
    private boolean started; // guarded by this

    @Activate
    public PipelineFolder(BundleContext context, @Reference PipelineService pipelines, @Reference StageCatalog catalog,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.pipelines = pipelines;
        this.catalog = catalog;
        this.checker = new PipelineChecker(catalog);
        this.context = context;
        this.log = log;
        String dirProperty = context.getProperty(DIR_PROPERTY);
        this.dir = dirProperty == null ? null : Path.of(dirProperty);
        String pollProperty = context.getProperty(POLL_PROPERTY);
        this.poll = pollProperty == null ? 1000 : Long.parseLong(pollProperty);
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "framegrid-pipelines-folder");
            thread.setDaemon(true);
            return thread;
        });
        if (dir == null) {
            return;
        }
        context.addFrameworkListener(startListener);
        if (context.getBundle(0).getState() == Bundle.ACTIVE) {
            startPolling();
        }
    }

    private void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            startPolling();
        }
    }

    private synchronized void startPolling() {
        if (!started) {
            started = true;
            poller.scheduleWithFixedDelay(this::scan, 0, poll, TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        context.removeFrameworkListener(startListener);
        poller.shutdownNow();
        poller.awaitTermination(5, TimeUnit.SECONDS);
        // The definitions came from this bundle's files: they go with it (running streams are not affected).
        seen.values().stream().map(Seen::pipeline).filter(name -> name != null).forEach(pipelines::remove);
    }

    /** One pass over the folder. Catches everything: an exception would cancel the periodic task for good. */
    void scan() {
        try {
            Set<String> nowTypes = new HashSet<>();
            catalog.all().forEach(descriptor -> nowTypes.add(descriptor.type()));
            boolean typesChanged = !nowTypes.equals(types);
            types = nowTypes;
            Set<Path> present = new HashSet<>();
            if (Files.isDirectory(dir)) { // a missing folder is an empty one: it may be created later
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(PipelineFolder::isPipelineFile).sorted().forEach(present::add);
                }
            }
            for (Path file : present) {
                Seen before = seen.get(file);
                long modified = Files.getLastModifiedTime(file).toMillis();
                long size = Files.size(file);
                boolean changed = before == null || before.modified() != modified || before.size() != size;
                if (changed || (typesChanged && !before.valid())) {
                    seen.put(file, load(file, modified, size, before == null ? null : before.pipeline()));
                }
            }
            for (Path gone : List.copyOf(seen.keySet())) {
                if (!present.contains(gone)) {
                    String pipeline = seen.remove(gone).pipeline();
                    if (pipeline != null && pipelines.remove(pipeline)) {
                        log.info("pipeline '{}' removed: {} was deleted", pipeline, gone);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.error("cannot scan the pipelines folder {}: {}", dir, e.toString(), e);
        }
    }

    /**
     * Parses and registers one file (registering validates it); the pipeline it stands for stays the previous one if
     * the text has problems.
     */
    private Seen load(Path file, long modified, long size, String previous) {
        Checked checked = checker.parse(file.toString());
        if (checked.definition() == null) {
            checked.problems().forEach(problem -> log.error(problem.toString()));
            if (previous != null) {
                log.warn("pipeline '{}' keeps its previous version until {} is fixed", previous, file);
            }
            return new Seen(modified, size, previous, false);
        }
        String name = checked.definition().name();
        String owner = owner(name, file);
        if (owner != null) {
            log.error("{}:1:1: pipeline '{}' is already defined in {}", file, name, owner);
            return new Seen(modified, size, previous, false);
        }
        try {
            pipelines.register(checked.definition());
        } catch (PipelineDefinitionException e) {
            PipelineChecker.sorted(e.problems()).forEach(problem -> log.error(problem.toString()));
            if (previous != null) {
                log.warn("pipeline '{}' keeps its previous version until {} is fixed", previous, file);
            }
            return new Seen(modified, size, previous, false);
        }
        if (previous != null && !previous.equals(name)) {
            pipelines.remove(previous);
        }
        log.info("pipeline '{}' loaded from {} (revision {})", name, file, checked.definition().revision());
        return new Seen(modified, size, name, true);
    }

    private String owner(String pipeline, Path file) {
        for (Map.Entry<Path, Seen> entry : seen.entrySet()) {
            if (!entry.getKey().equals(file) && pipeline.equals(entry.getValue().pipeline())) {
                return entry.getKey().toString();
            }
        }
        return null;
    }

    private static boolean isPipelineFile(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(file);
    }
}
