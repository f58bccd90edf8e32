package org.tidl.api;

/**
 * The type of a topology or optimizer parameter, as written in a spec.
 *
 * @since 1
 */
public enum ParameterType {
    /** A whole number, e.g. {@code rows=4}. */
    INTEGER,
    /** A real number, e.g. {@code gap=0.1}. */
    REAL,
    /** Whole numbers separated by commas, e.g. {@code offsets=1,8}. */
    INTEGER_LIST,
    /** A file path. */
    PATH,
    /** Free text. */
    TEXT;

    /** The word shown to users. */
    public String word() {
        return switch (this) {
            case INTEGER -> "integer";
            case REAL -> "real";
            case INTEGER_LIST -> "integer list";
            case PATH -> "path";
            case TEXT -> "text";
        };
    }
}
