package org.framegrid.inference.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.framegrid.inference.api.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.BundleTracker;

/** The tracker in a real framework (Felix, embedded) with model bundles written by the test. */
class ModelTrackerTest {

    @TempDir
    Path dir;

    private Framework framework;
    private BundleContext context;
    private BundleTracker<?> tracker;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        framework = factory.newFramework(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                // This test stands in for the extender bundle, so the framework provides the capability model bundles require.
                Constants.FRAMEWORK_SYSTEMCAPABILITIES_EXTRA,
                "osgi.extender;osgi.extender=framegrid.model;version:Version=1.0.0",
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.framegrid.inference.api;version=1.0.0"));
        framework.start();
        context = framework.getBundleContext();
        tracker = new BundleTracker<>(context, ModelTracker.STATES, new ModelTracker(context, warnings::add));
        tracker.open();
    }

    @AfterEach
    void stop() throws Exception {
        tracker.close();
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void aStartedModelBundleIsOfferedAndWithdrawnWithIt() throws Exception {
        Bundle bundle = install("face", "1.0.0", DescriptorParserTest.BLAZEFACE, "onnx bytes");
        assertTrue(models().isEmpty(), "not offered before it is started");
        bundle.start();
        Collection<ServiceReference<Model>> models = models();
        assertEquals(1, models.size());
        ServiceReference<Model> reference = models.iterator().next();
        assertEquals("blazeface-front", reference.getProperty(Model.NAME_PROPERTY));
        assertEquals("1.2.0", reference.getProperty(Model.VERSION_PROPERTY));
        assertEquals("face-detection", reference.getProperty(Model.TASK_PROPERTY));
        assertEquals(1_002_000, reference.getProperty(Constants.SERVICE_RANKING));
        Model model = context.getService(reference);
        assertEquals(10, model.size());
        try (InputStream in = model.open()) {
            assertEquals("onnx bytes", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (InputStream in = model.openResource("LICENSE.txt")) {
            assertEquals("licence", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThrows(IOException.class, () -> model.openResource("../model/model.properties"));
        assertThrows(IOException.class, () -> model.openResource("missing.txt"));
        assertEquals("org.framegrid.model.face 1.0.0", model.origin());
        context.ungetService(reference);

        bundle.stop();
        assertTrue(models().isEmpty(), "withdrawn when the bundle stops");
        bundle.start();
        assertEquals(1, models().size());
        bundle.uninstall();
        assertTrue(models().isEmpty(), "withdrawn when the bundle goes");
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void theNewestVersionOfANameRanksFirst() throws Exception {
        install("face", "1.0.0", DescriptorParserTest.BLAZEFACE, "old").start();
        Bundle newer = install("face2", "1.0.0", DescriptorParserTest.BLAZEFACE.replace("version=1.2.0", "version=1.10.0"), "new");
        newer.start();
        assertEquals(2, models().size());
        ServiceReference<Model> best = context.getServiceReference(Model.class);
        assertEquals("1.10.0", best.getProperty(Model.VERSION_PROPERTY));
        newer.uninstall();
        assertEquals("1.2.0", context.getServiceReference(Model.class).getProperty(Model.VERSION_PROPERTY));
    }

    @Test
    void aBrokenDescriptorIsReportedAndNothingIsOffered() throws Exception {
        install("broken", "1.0.0", DescriptorParserTest.BLAZEFACE.replace("input.layout=NHWC", "input.layout=HWC"), "x").start();
        install("nofile", "1.0.0", DescriptorParserTest.BLAZEFACE.replace("file=face.onnx", "file=other.onnx"), "x").start();
        assertTrue(models().isEmpty());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("org.framegrid.model.broken 1.0.0 is not offered: model descriptor")
                && warnings.get(0).contains("input.layout: 'HWC' is not one of [NCHW, NHWC]"), warnings.get(0));
        assertTrue(warnings.get(1).contains("file: the bundle has no entry model/other.onnx"), warnings.get(1));
        // A plain bundle without the capability is ignored silently.
        install("plain", "1.0.0", null, null).start();
        assertEquals(2, warnings.size());
    }

    private Collection<ServiceReference<Model>> models() throws Exception {
        return context.getServiceReferences(Model.class, null);
    }

    /** Writes and installs a model bundle {@code org.framegrid.model.NAME}; no capability when descriptor is null. */
    private Bundle install(String name, String version, String descriptor, String model) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, "org.framegrid.model." + name);
        main.putValue(Constants.BUNDLE_VERSION, version);
        if (descriptor != null) {
            main.putValue(Constants.PROVIDE_CAPABILITY, "framegrid.model;framegrid.model=" + name);
            main.putValue(Constants.REQUIRE_CAPABILITY,
                    "osgi.extender;filter:=\"(&(osgi.extender=framegrid.model)(version>=1.0)(!(version>=2.0)))\"");
        }
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            List<String[]> entries = new ArrayList<>();
            if (descriptor != null) {
                entries.add(new String[] {"model/model.properties", descriptor});
                entries.add(new String[] {"model/face.onnx", model});
                entries.add(new String[] {"model/LICENSE.txt", "licence"});
            }
            for (String[] entry : entries) {
                out.putNextEntry(new JarEntry(entry[0]));
                out.write(entry[1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Bundle bundle = context.installBundle(jar.toUri().toString());
        assertNotNull(bundle);
        return bundle;
    }
}
