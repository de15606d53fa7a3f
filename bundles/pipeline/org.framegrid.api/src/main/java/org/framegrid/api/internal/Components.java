package org.framegrid.api.internal;

/** Checks shared by this bundle's records; a private package, not part of the API. */
public final class Components {

    private Components() {
    }

    /**
     * Throws a {@link NullPointerException} naming the first {@code null} value.
     *
     * @param names  the components' names, separated by single spaces, in the order of {@code values}
     * @param values the components' values
     */
    public static void requireNonNull(String names, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(names.split(" ")[i]);
            }
        }
    }
}
