package org.framegrid.inference.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * A model available in the node: registered by the model extender for every bundle that provides the
 * {@value #NAMESPACE} capability. Its service properties are {@value #NAME_PROPERTY}, {@value #VERSION_PROPERTY} and
 * {@value #TASK_PROPERTY}, and a {@code service.ranking} that grows with the version, so the newest version of a name
 * is the one a reference targeting {@code (framegrid.model.name=...)} binds.
 *
 * <p>Thread-safe. The service goes away when its bundle does; streams opened before that fail on their next read.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Model {

    /** The capability namespace (and manifest attribute) that marks a model bundle. */
    String NAMESPACE = "framegrid.model";
    /** Service property: {@link ModelDescriptor#name()}. */
    String NAME_PROPERTY = "framegrid.model.name";
    /** Service property: {@link ModelDescriptor#version()}, as a {@code String}. */
    String VERSION_PROPERTY = "framegrid.model.version";
    /** Service property: {@link ModelDescriptor#task()}. */
    String TASK_PROPERTY = "framegrid.model.task";

    ModelDescriptor descriptor();

    /** @return the size of the model file in bytes */
    long size();

    /**
     * Opens the model file (for example the {@code .onnx} bytes). The caller closes the stream.
     *
     * @throws IOException when the bundle has gone or the file cannot be read
     */
    InputStream open() throws IOException;

    /**
     * Opens another file the model ships, for example a label list named by a descriptor property.
     *
     * @param name a path inside the model's folder, such as {@code ppocr_keys_v1.txt}
     * @throws java.io.FileNotFoundException when the model has no such file
     * @throws IOException                   when the bundle has gone or the file cannot be read
     */
    InputStream openResource(String name) throws IOException;

    /** @return where the model comes from, for messages: the bundle's symbolic name and version */
    String origin();
}
