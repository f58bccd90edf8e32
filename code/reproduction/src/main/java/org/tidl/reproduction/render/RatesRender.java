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
        StyleLegend legend = new StyleLegend(chart).style(Chart.Style.SOLID, "Eq. 7 fixed point, worst-mode n_W")
                .style(Chart.Style.DOTTED, "precise: exact second moments (power iteration)");
        int color = 0;
        for (RatesStudy.CurveResult cr : r.curves()) {
            String label = cr.topology().label();
            for (int k = 0; k < lrs.length; k++) {
                csv.add(label, cr.topology().spec(), c.workers(), c.zeta(), lrs[k], cr.fixedPoint()[k], cr.precise()[k]);
            }
            legend.colour(label, color);
            int fixed = chart.size();
            legend.series(label, lrs, cr.fixedPoint(), color, Chart.Style.SOLID, -1);
            legend.series(label, lrs, cr.precise(), color, Chart.Style.DOTTED, fixed);
            color++;
        }
        legend.apply("Eq. 7");
        out.table(TABLE, csv);
        out.chart("", chart);
    }
}
