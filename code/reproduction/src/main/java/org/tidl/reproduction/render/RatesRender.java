package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.List;
import org.tidl.reproduction.paper.RatesStudy;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/** The rates figure as {@code NAME.csv} and {@code NAME.png}. */
public final class RatesRender implements Renderer<RatesStudy.Result> {

    public static final TableOutput TABLE = new TableOutput("", Schema.of(text("topology"), text("spec"),
            number("workers"), number("zeta"), number("lr"), number("fixed_point_rate"), number("precise_rate")));

    @Override
    public List<TableOutput> tables() {
        return List.of(TABLE);
    }

    @Override
    public void render(RatesStudy.Result r, FigureOutput out) {
        RatesStudy.Config c = r.config();
        double[] lrs = r.learningRates();
        Table csv = TABLE.schema().table();
        Chart chart = new Chart("D-SGD rate on the isotropic quadratic (n = 32, zeta = 50)", "Learning rate",
                "Convergence rate r (loss shrinks by 1 - r per step)").logX().logY().xRange(1e-3, 1).yRange(1e-3, 1);
        int color = 0;
        for (RatesStudy.CurveResult cr : r.curves()) {
            String label = cr.topology().label();
            for (int k = 0; k < lrs.length; k++) {
                csv.add(label, cr.topology().spec(), c.workers(), c.zeta(), lrs[k], cr.fixedPoint()[k], cr.precise()[k]);
            }
            chart.add(label + ", Eq. 7 fixed point", lrs, cr.fixedPoint(), color, Chart.Style.SOLID);
            chart.add(label + ", precise", lrs, cr.precise(), color, Chart.Style.DOTTED);
            color++;
        }
        chart.note("Solid: Eq. 7 with worst-mode n_W. Dotted: exact second moments (power iteration).");
        out.table(TABLE, csv);
        out.chart("", chart);
    }
}
