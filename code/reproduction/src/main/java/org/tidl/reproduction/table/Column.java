package org.tidl.reproduction.table;

/**
 * One column of a results CSV, declared once (in the {@link Schema} of the table that has it): the writer
 * fills it and {@code verify} resolves a claim's column against it.
 *
 * @param name the header name
 * @param kind what its cells hold
 */
public record Column(String name, Kind kind) {

    /** What a column's cells hold. */
    public enum Kind {
        /** Labels, specs, flags: any text. */
        TEXT,
        /** Numbers as {@code Csv.number} writes them (empty for no value, inf/-inf). */
        NUMBER
    }

    public static Column text(String name) {
        return new Column(name, Kind.TEXT);
    }

    public static Column number(String name) {
        return new Column(name, Kind.NUMBER);
    }

    public boolean numeric() {
        return kind == Kind.NUMBER;
    }
}
