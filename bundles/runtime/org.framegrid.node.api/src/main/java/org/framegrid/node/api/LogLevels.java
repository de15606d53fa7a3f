package org.framegrid.node.api;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's log levels, changed while it runs: published by the node's logging bundle, used by the shell and the
 * HTTP service. A name is a logger's: a bundle's symbolic name covers the bundle's own log entries and every class
 * logger of its packages; {@code ROOT} is the default.
 *
 * <p>Thread-safe. A change lasts until the node stops ({@code conf/org.osgi.service.log.admin.cfg} holds the levels a
 * node starts with).
 */
@ProviderType
public interface LogLevels {

    /** The levels, most verbose last. */
    List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    /** @return every level set now, by logger name ({@code ROOT} included); never {@code null} */
    Map<String, String> levels();

    /**
     * Sets a logger's level.
     *
     * @param logger a bundle's symbolic name, a class or package name, or {@code ROOT}
     * @param level one of {@link #LEVELS} (any case)
     * @throws IllegalArgumentException with a one-line reason when the level is unknown or the name empty
     */
    void set(String logger, String level);
}
