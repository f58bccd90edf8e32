package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.TableOutput;

/**
 * The summary table of a study: one named quantity per row (correlations, differences, counts), which claims
 * select by {@code quantity=NAME}.
 */
public final class Summary {

    public static final Schema SCHEMA = Schema.of(text("quantity"), number("value"), text("meaning"));

    /** {@code NAME-summary.csv}. */
    public static final TableOutput TABLE = new TableOutput("-summary", SCHEMA);

    private Summary() {
    }
}
