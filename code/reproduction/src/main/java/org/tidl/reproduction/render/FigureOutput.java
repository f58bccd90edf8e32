package org.tidl.reproduction.render;

import org.tidl.core.io.Csv;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/** Where a renderer puts a figure's files (named after the figure) and its report lines. */
public interface FigureOutput {

    /** The figure's name, which its files start with. */
    String name();

    /** Writes {@code NAME + suffix + ".csv"}; the table must be of the output's schema. */
    void table(TableOutput output, Table table);

    /** Writes {@code NAME + suffix + ".png"} (900 × 640). */
    void chart(String suffix, Chart chart);

    /** Writes {@code NAME + suffix + ".png"} drawn by the caller. */
    void png(String suffix, Csv.Content content);

    /** A line for the user, printed after the progress bars. */
    void report(String line);
}
