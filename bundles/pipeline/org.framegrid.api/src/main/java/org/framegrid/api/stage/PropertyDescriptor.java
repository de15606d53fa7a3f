package org.framegrid.api.stage;

import java.util.List;

import org.framegrid.api.internal.Components;

/**
 * One property of a stage type: name, type, default, bounds and whether it may change while the stream plays.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the property name as written in a pipeline file; never {@code null}
 * @param type the value type; never {@code null}
 * @param defaultValue the default, of the Java type {@link PropertyType} names; {@code null} only when
 *     {@code required}
 * @param required whether a pipeline must set it
 * @param live whether it may change while playing ({@link Stage#update}); otherwise a change restarts the instance
 * @param allowed for {@link PropertyType#ENUM}: the valid names; empty otherwise; never {@code null} (copied)
 * @param min the smallest valid value of a number, or {@code null} for none
 * @param max the largest valid value of a number, or {@code null} for none
 * @param description what it does, for users and tools; never {@code null}
 * @param since the stage type version that introduced it, e.g. {@code "1.0"}; never {@code null}
 */
public record PropertyDescriptor(String name, PropertyType type, Object defaultValue, boolean required, boolean live,
                                 List<String> allowed, Double min, Double max, String description, String since) {

    /** Checks the components and copies {@code allowed}. */
    public PropertyDescriptor {
        Components.requireNonNull("name type description since", name, type, description, since);
        allowed = List.copyOf(allowed);
        if (type == PropertyType.ENUM && allowed.isEmpty()) {
            throw new IllegalArgumentException("ENUM property " + name + " needs allowed names");
        }
    }

    /**
     * An optional property without bounds, since 1.0.
     *
     * @param name the name
     * @param type the type
     * @param defaultValue the default
     * @param live whether it may change while playing
     * @param description what it does
     */
    public PropertyDescriptor(String name, PropertyType type, Object defaultValue, boolean live, String description) {
        this(name, type, defaultValue, false, live, List.of(), null, null, description, "1.0");
    }

    /**
     * An optional ENUM property, since 1.0.
     *
     * @param name the name
     * @param defaultValue the default name
     * @param live whether it may change while playing
     * @param allowed the valid names
     * @param description what it does
     */
    public PropertyDescriptor(String name, String defaultValue, boolean live, List<String> allowed,
                              String description) {
        this(name, PropertyType.ENUM, defaultValue, false, live, allowed, null, null, description, "1.0");
    }

    /**
     * An optional number property with bounds, since 1.0.
     *
     * @param name the name
     * @param type INTEGER or DOUBLE
     * @param defaultValue the default
     * @param live whether it may change while playing
     * @param min the smallest valid value
     * @param max the largest valid value
     * @param description what it does
     */
    public PropertyDescriptor(String name, PropertyType type, Number defaultValue, boolean live, double min,
                              double max, String description) {
        this(name, type, defaultValue, false, live, List.of(), min, max, description, "1.0");
    }
}
