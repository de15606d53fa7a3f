package org.framegrid.inference.models.internal;

import java.util.List;

import org.framegrid.inference.api.Model;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.namespace.extender.ExtenderNamespace;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.BundleTracker;

/**
 * The model extender: tracks bundles with the {@value Model#NAMESPACE} capability and offers each model as a
 * {@link Model} service for as long as its bundle is started. Model bundles require this extender (osgi.extender
 * {@value Model#NAMESPACE}), so they resolve only where something will read them.
 */
@Capability(namespace = ExtenderNamespace.EXTENDER_NAMESPACE, name = Model.NAMESPACE, version = "1.0.0",
        uses = Model.class)
@Component(name = "org.framegrid.inference.models", immediate = true, service = {})
public final class ModelExtender {

    private final BundleTracker<List<ServiceRegistration<Model>>> tracker;

    @Activate
    public ModelExtender(BundleContext context, @Reference(service = LoggerFactory.class) Logger log) {
        // Opening the tracker only reads manifests and small descriptor entries: fast enough for activate.
        tracker = new BundleTracker<>(context, ModelTracker.STATES, new ModelTracker(context, log::warn));
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }
}
