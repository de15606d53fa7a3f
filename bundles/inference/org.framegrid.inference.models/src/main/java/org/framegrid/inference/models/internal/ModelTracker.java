package org.framegrid.inference.models.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import org.framegrid.inference.api.Model;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.models.descriptor.DescriptorException;
import org.framegrid.inference.models.descriptor.DescriptorParser;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * Registers one {@link Model} service per {@value Model#NAMESPACE} capability of every started bundle, and
 * unregisters them when the bundle stops, is updated or goes. A bundle whose descriptor is broken gets no service
 * and one warning; the node carries on.
 *
 * <p>The capability's attribute {@code descriptor} names the descriptor entry (default
 * {@value #DEFAULT_DESCRIPTOR}); the model file and other resources are relative to its folder.
 */
public final class ModelTracker implements BundleTrackerCustomizer<List<ServiceRegistration<Model>>> {

    /** Where a model bundle keeps its descriptor unless its capability says otherwise. */
    public static final String DEFAULT_DESCRIPTOR = "model/model.properties";
    /** Bundle states in which a model is offered: started (data bundles go straight to ACTIVE). */
    public static final int STATES = Bundle.STARTING | Bundle.ACTIVE;

    private final BundleContext context;
    private final Consumer<String> warnings;

    /**
     * @param context  registers the services (the extender's context, so they go with the extender too)
     * @param warnings receives one line per model bundle that cannot be offered
     */
    public ModelTracker(BundleContext context, Consumer<String> warnings) {
        this.context = context;
        this.warnings = warnings;
    }

    @Override
    public List<ServiceRegistration<Model>> addingBundle(Bundle bundle, BundleEvent event) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return null;
        }
        List<BundleCapability> capabilities = revision.getDeclaredCapabilities(Model.NAMESPACE);
        if (capabilities.isEmpty()) {
            return null;
        }
        List<ServiceRegistration<Model>> registrations = new ArrayList<>();
        for (BundleCapability capability : capabilities) {
            Object path = capability.getAttributes().get("descriptor");
            String descriptor = path == null ? DEFAULT_DESCRIPTOR : path.toString();
            try {
                BundleModel model = read(bundle, descriptor);
                registrations.add(context.registerService(Model.class, model, properties(model.descriptor())));
            } catch (DescriptorException | IOException e) {
                warnings.accept("model bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                        + " is not offered: " + e.getMessage());
            }
        }
        // Tracked even when empty, so that a broken bundle is not re-read (and re-reported) on every event.
        return registrations;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<Model>> registrations) {
        // An update goes through STOPPED/UNRESOLVED first, which removes the bundle; nothing to do here.
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<Model>> registrations) {
        for (ServiceRegistration<Model> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the extender is stopping and the framework unregistered it first
            }
        }
    }

    private static BundleModel read(Bundle bundle, String descriptorPath) throws DescriptorException, IOException {
        String origin = bundle.getSymbolicName() + " " + bundle.getVersion() + " " + descriptorPath;
        URL entry = bundle.getEntry(descriptorPath);
        if (entry == null) {
            throw new DescriptorException("model descriptor " + origin + ": the bundle has no such entry");
        }
        Properties properties = new Properties();
        try (InputStream in = entry.openStream()) {
            properties.load(in);
        }
        ModelDescriptor descriptor = DescriptorParser.parse(properties, origin);
        int slash = descriptorPath.lastIndexOf('/');
        String folder = slash < 0 ? "" : descriptorPath.substring(0, slash + 1);
        String file = descriptor.properties().get(DescriptorParser.FILE);
        URL model = bundle.getEntry(folder + file);
        if (model == null) {
            throw new DescriptorException("model descriptor " + origin + ": file: the bundle has no entry " + folder + file);
        }
        URLConnection connection = model.openConnection();
        long size = connection.getContentLengthLong();
        if (size <= 0) {
            throw new DescriptorException("model descriptor " + origin + ": file: " + folder + file + " is empty");
        }
        return new BundleModel(bundle, folder, descriptor, size);
    }

    static Hashtable<String, Object> properties(ModelDescriptor descriptor) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Model.NAME_PROPERTY, descriptor.name());
        properties.put(Model.VERSION_PROPERTY, descriptor.version());
        properties.put(Model.TASK_PROPERTY, descriptor.task());
        properties.put(Constants.SERVICE_RANKING, ranking(Version.parseVersion(descriptor.version())));
        return properties;
    }

    /**
     * A ranking that orders versions: major, minor and micro each clamped to 0..999 (a model at version 1000 is rare
     * enough to share a rank with 999), so 1.2.3 ranks 1_002_003 and the newest version of a name is preferred.
     */
    static int ranking(Version version) {
        return Math.min(version.getMajor(), 2000) * 1_000_000 + Math.min(version.getMinor(), 999) * 1_000
                + Math.min(version.getMicro(), 999);
    }
}
