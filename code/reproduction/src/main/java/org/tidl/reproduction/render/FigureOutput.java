package org.tidl.reproduction.render;

import java.awt.Graphics2D;
import java.util.function.Consumer;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/** Where a renderer puts a figure's files (named after the figure) and its report lines. */
public interface FigureOutput {

    /** The figure's name, which its files start with. */
    String name();

    /** Writes {@code NAME + suffix + ".csv"}; the table must be of the output's schema. */
    void table(TableOutput output, Table table);

    /** Writes {@code NAME + suffix + ".png"} (900 × 640) and the same chart as {@code NAME + suffix + ".svg"}. */
    void chart(String suffix, Chart chart);

    /** Writes {@code NAME + suffix + ".png"} drawn by the caller. */
    void png(String suffix, Csv.Content content);

    /**
     * Writes a width × height drawing painted by the caller as {@code NAME + suffix + ".png"} (and, where the output
     * keeps vector copies, {@code ".svg"}).
     */
    default void picture(String suffix, int width, int height, Consumer<Graphics2D> painter) {
        png(suffix, out -> javax.imageio.ImageIO.write(Pictures.raster(width, height, painter), "png", out));
    }

    /** A line for the user, printed after the progress bars. */
    void report(String line);
}
