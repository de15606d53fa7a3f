package org.framegrid.inference.models.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

import org.framegrid.inference.api.Model;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.models.descriptor.DescriptorParser;
import org.osgi.framework.Bundle;

/**
 * A model whose files are entries of a bundle. Entries are read with {@link Bundle#getEntry}, which needs no class
 * loader, so a model bundle holds no code and is never wired to anything.
 */
final class BundleModel implements Model {

    private final Bundle bundle;
    private final String folder;
    private final ModelDescriptor descriptor;
    private final long size;

    /**
     * @param folder the folder of the descriptor inside the bundle, ending with '/' (or empty for the root)
     */
    BundleModel(Bundle bundle, String folder, ModelDescriptor descriptor, long size) {
        this.bundle = bundle;
        this.folder = folder;
        this.descriptor = descriptor;
        this.size = size;
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open() throws IOException {
        return openResource(descriptor.properties().get(DescriptorParser.FILE));
    }

    @Override
    public InputStream openResource(String name) throws IOException {
        if (name.startsWith("/") || name.contains("..")) {
            throw new FileNotFoundException(origin() + ": '" + name + "' is not a path inside the model's folder");
        }
        URL entry;
        try {
            entry = bundle.getEntry(folder + name);
        } catch (IllegalStateException e) {
            throw new IOException(origin() + " has been uninstalled", e);
        }
        if (entry == null) {
            throw new FileNotFoundException(origin() + " has no file " + folder + name);
        }
        return entry.openStream();
    }

    @Override
    public String origin() {
        return bundle.getSymbolicName() + " " + bundle.getVersion();
    }

    @Override
    public String toString() {
        return "Model[" + descriptor.name() + " " + descriptor.version() + " from " + origin() + "]";
    }
}
