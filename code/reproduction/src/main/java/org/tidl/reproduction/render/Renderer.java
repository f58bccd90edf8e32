package org.tidl.reproduction.render;

import java.util.List;
import org.tidl.reproduction.table.TableOutput;

/**
 * Turns a study's result into files and report lines: CSV tables (of declared schemas), PNG charts, and the
 * lines printed after the progress bars.
 *
 * @param <R> the result it renders
 */
public interface Renderer<R> {

    /** The CSV tables {@link #render} writes, declared up front (verify resolves claims against them). */
    List<TableOutput> tables();

    void render(R result, FigureOutput out);
}
