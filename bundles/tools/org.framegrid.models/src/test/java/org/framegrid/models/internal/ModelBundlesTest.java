package org.framegrid.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.models.descriptor.DescriptorParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every model bundle this build wrote (target/model-bundles): a bundle manifest with the capability the
 * extender looks for, a descriptor the extender's parser accepts, the model bytes with their pinned SHA-256, and
 * the licence text.
 */
class ModelBundlesTest {

    static Stream<String> models() {
        return Stream.of(System.getProperty("framegrid.models").split("\\s*,\\s*"));
    }

    @ParameterizedTest
    @MethodSource("models")
    void theBundleCarriesAVerifiedModelAndADescriptor(String id) throws Exception {
        Path jar = Path.of(System.getProperty("framegrid.models.out"), id + ".jar");
        try (JarFile bundle = new JarFile(jar.toFile())) {
            Attributes manifest = bundle.getManifest().getMainAttributes();
            Properties properties = new Properties();
            try (InputStream in = bundle.getInputStream(bundle.getJarEntry(ModelPackager.DESCRIPTOR))) {
                properties.load(in);
            }
            ModelDescriptor descriptor = DescriptorParser.parse(properties, jar.toString());

            assertEquals("2", manifest.getValue("Bundle-ManifestVersion"));
            assertEquals("org.framegrid.model." + id, manifest.getValue("Bundle-SymbolicName"));
            assertEquals(descriptor.version(), manifest.getValue("Bundle-Version"));
            assertEquals(descriptor.license(), manifest.getValue("Bundle-License"));
            String capability = manifest.getValue("Provide-Capability");
            assertTrue(capability.startsWith("framegrid.model;framegrid.model=\"" + descriptor.name() + "\";name=\""
                    + descriptor.name() + "\";version:Version=\"" + descriptor.version() + "\""), capability);
            assertTrue(manifest.getValue("Require-Capability").contains("(osgi.extender=framegrid.model)"));
            assertTrue(properties.stringPropertyNames().stream().noneMatch(key -> key.startsWith("bundle.")),
                    "build-only keys stay out of the bundle");

            byte[] model;
            try (InputStream in = bundle.getInputStream(bundle.getJarEntry("model/" + descriptor.properties().get("file")))) {
                model = in.readAllBytes();
            }
            // A transformed model (isnet-small-dyn) is pinned after its transform, the others as extracted.
            String pinned = properties.containsKey("source.transform") ? "source.transform." : "source.";
            assertEquals(Long.parseLong(properties.getProperty(pinned + "size")), model.length);
            assertEquals(properties.getProperty(pinned + "sha256"), Sha256.of(model));

            String licence;
            try (InputStream in = bundle.getInputStream(bundle.getJarEntry("model/LICENSE.txt"))) {
                licence = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(licence.contains(descriptor.license().equals("MIT") ? "MIT License" : "Apache License"), licence);
            String labels = descriptor.properties().get("labels");
            if (labels != null) {
                assertNotNull(bundle.getJarEntry("model/" + labels), "the label file " + labels + " is in the bundle");
            }
            assertTrue(List.of(manifest.getValue("Bundle-Vendor")).get(0).contains(properties.getProperty("source.package")));
        } catch (IOException e) {
            throw new AssertionError("model bundle " + jar + " unreadable (did the packager run?)", e);
        }
    }
}
