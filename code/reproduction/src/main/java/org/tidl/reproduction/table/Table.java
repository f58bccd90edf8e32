package org.tidl.reproduction.table;

import java.nio.file.Path;
import org.tidl.core.io.Csv;

/**
 * Rows of one {@link Schema}, checked as they are added (one cell per column, a number or nothing in every
 * number column), written as CSV by the core writer (RFC 4180 quoting, locale-independent numbers).
 */
public final class Table {

    private final Schema schema;
    private final Csv csv;

    Table(Schema schema) {
        this.schema = schema;
        this.csv = new Csv(schema.names());
    }

    public Schema schema() {
        return schema;
    }

    /** One row, cells in column order. */
    public Table add(Object... cells) {
        if (cells.length != schema.columns().size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, schema " + schema.columns().size());
        }
        for (int i = 0; i < cells.length; i++) {
            Column c = schema.columns().get(i);
            if (c.numeric() && cells[i] != null && !(cells[i] instanceof Number)) {
                throw new IllegalArgumentException("column '" + c.name() + "' holds numbers, got '" + cells[i] + "'");
            }
        }
        csv.add(cells);
        return this;
    }

    public int size() {
        return csv.size();
    }

    public String render() {
        return csv.render();
    }

    /** Writes atomically (temp file and rename). */
    public void writeTo(Path file) {
        csv.writeTo(file);
    }
}
