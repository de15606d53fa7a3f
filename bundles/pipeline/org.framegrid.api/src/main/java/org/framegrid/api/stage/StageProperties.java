package org.framegrid.api.stage;

import java.util.Map;
import java.util.Objects;

/**
 * The complete, typed property values of one stage instance: every declared property is present, with its default
 * when the pipeline did not set it, coerced to the Java type of its {@link PropertyType} ({@code Long},
 * {@code Double}, {@code Boolean}, {@code String}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param values the values by property name; never {@code null} (copied)
 */
public record StageProperties(Map<String, Object> values) {

    /** Copies the map. */
    public StageProperties {
        values = Map.copyOf(values);
    }

    /** @return the value of {@code name} as an int; throws if absent or not a number */
    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    /** @return the value of {@code name} as a long; throws if absent or not a number */
    public long getLong(String name) {
        return ((Number) require(name)).longValue();
    }

    /** @return the value of {@code name} as a double; throws if absent or not a number */
    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /** @return the value of {@code name} as a boolean; throws if absent or not a boolean */
    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    /** @return the value of {@code name} as a string; throws if absent */
    public String getString(String name) {
        return require(name).toString();
    }

    /**
     * @param name an ENUM property
     * @param type the Java enum whose constant names are the allowed names
     * @param <E> the enum type
     * @return the constant named by the value
     */
    public <E extends Enum<E>> E getEnum(String name, Class<E> type) {
        return Enum.valueOf(type, getString(name));
    }

    private Object require(String name) {
        return Objects.requireNonNull(values.get(name), () -> "no property " + name);
    }
}
