package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.List;
import org.tidl.reproduction.paper.TopologiesStudy;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/** The topologies table as {@code NAME.csv} (no picture). */
public final class TopologiesRender implements Renderer<TopologiesStudy.Result> {

    public static final TableOutput TABLE = new TableOutput("", Schema.of(text("topology"), text("spec"),
            number("workers"), number("spectral_gap"), number("n_w_mean_0"), number("n_w_mean_0.951"),
            number("n_w_worst_0.951")));

    @Override
    public List<TableOutput> tables() {
        return List.of(TABLE);
    }

    @Override
    public void render(TopologiesStudy.Result r, FigureOutput out) {
        Table csv = TABLE.schema().table();
        for (TopologiesStudy.Row row : r.rows()) {
            csv.add(row.topology().label(), row.topology().spec(), r.config().workers(), row.spectralGap(),
                    row.meanAtZero(), row.meanAtGamma(), row.worstAtGamma());
        }
        out.table(TABLE, csv);
    }
}
