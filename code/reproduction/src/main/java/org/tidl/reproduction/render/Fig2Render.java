package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import org.tidl.reproduction.paper.Fig2Study;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/**
 * Fig. 2 as {@code NAME.csv} and {@code NAME.png}, on the paper's axis: uniform in −log10(1−γ), labelled 0, 0.9,
 * 0.99, 0.999, 0.9999.
 */
public final class Fig2Render implements Renderer<Fig2Study.Result> {

    public static final TableOutput TABLE = new TableOutput("", Schema.of(text("curve"), text("topology"),
            number("workers"), number("gamma"), number("n_w"), number("paper_n_w")));

    @Override
    public List<TableOutput> tables() {
        return List.of(TABLE);
    }

    @Override
    public void render(Fig2Study.Result r, FigureOutput out) {
        double[] gammas = r.gammas();
        double[] x = new double[gammas.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = -Math.log10(1 - gammas[i]);
        }
        Table csv = TABLE.schema().table();
        Chart chart = new Chart("Effective number of neighbours (n = 32)", "gamma (axis uniform in -log10(1 - gamma))",
                "Effective number of neighbours n_W(gamma)")
                .xRange(0, 4.05).yRange(0, 33).xTicks(1, new GammaFormat());
        StyleLegend legend = new StyleLegend(chart).style(Chart.Style.SOLID, "Eq. 6 / Lyapunov, mean over workers")
                .style(Chart.Style.DASHED, "the paper, digitised");
        int color = 0;
        for (Fig2Study.CurveResult c : r.curves()) {
            for (int i = 0; i < gammas.length; i++) {
                csv.add(c.curve().label(), c.curve().spec(), r.config().workers(), gammas[i], c.neighbors()[i], c.paper()[i]);
            }
            legend.colour(c.curve().label(), color);
            int ours = chart.size();
            legend.series(c.curve().label(), x, c.neighbors(), color, Chart.Style.SOLID, -1);
            List<double[]> pts = c.paperCurve();
            if (!pts.isEmpty()) {
                double[] px = new double[pts.size()];
                double[] py = new double[pts.size()];
                for (int i = 0; i < px.length; i++) {
                    px[i] = -Math.log10(1 - pts.get(i)[0]);
                    py[i] = pts.get(i)[1];
                }
                legend.series(c.curve().label(), px, py, color, Chart.Style.DASHED, ours);
            }
            color++;
        }
        legend.apply("ours");
        chart.note("Torus (4x8) = circulant C_32(1, 8) as the paper's code.");
        out.table(TABLE, csv);
        out.chart("", chart);
    }

    /** Writes axis value v = −log10(1−γ) as γ: 0, 0.9, 0.99, ... */
    static final class GammaFormat extends NumberFormat {
        @Override
        public StringBuffer format(double v, StringBuffer sb, FieldPosition pos) {
            long k = Math.round(v);
            if (Math.abs(v - k) > 1e-9 || k < 0) {
                return sb.append(String.format(Locale.ROOT, "%.4g", 1 - Math.pow(10, -v)));
            }
            return sb.append(k == 0 ? "0" : "0." + "9".repeat((int) k));
        }

        @Override
        public StringBuffer format(long v, StringBuffer sb, FieldPosition pos) {
            return format((double) v, sb, pos);
        }

        @Override
        public Number parse(String s, ParsePosition pos) {
            return null;
        }
    }
}
