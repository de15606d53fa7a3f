package org.framegrid.api.stage;

/**
 * The type of a stage property, and of the Java value the stage receives in {@link StageProperties}.
 *
 * <p>Immutable and thread-safe.
 */
public enum PropertyType {
    /** A {@link String}. */
    STRING,
    /** A {@link Long}; integral numbers of any width are accepted. */
    INTEGER,
    /** A {@link Double}; any number is accepted. */
    DOUBLE,
    /** A {@link Boolean}. */
    BOOLEAN,
    /** A {@link String} that must be one of {@link PropertyDescriptor#allowed()}: enums are names, never numbers. */
    ENUM
}
