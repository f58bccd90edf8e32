package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.reproduction.beyond.RegularityStudy;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/**
 * The regularity study as {@code NAME.csv} (one row per graph), {@code NAME-summary.csv} (the correlations) and
 * {@code NAME-left.png} / {@code NAME-right.png} (best rate against n_W and against the spectral gap).
 */
public final class RegularityRender implements Renderer<RegularityStudy.Result> {

    public static final TableOutput GRAPHS = new TableOutput("", Schema.of(text("family"), text("parameter"),
            number("seed"), text("spec"), number("workers"), number("spectral_gap"), number("n_w_mean_0.951"),
            number("n_w_worst_0.951"), number("best_rate"), number("best_lr")));

    @Override
    public List<TableOutput> tables() {
        return List.of(GRAPHS, Summary.TABLE);
    }

    @Override
    public void render(RegularityStudy.Result r, FigureOutput out) {
        Table csv = GRAPHS.schema().table();
        List<double[]> er = new ArrayList<>();
        List<double[]> ba = new ArrayList<>();
        List<double[]> erGap = new ArrayList<>();
        List<double[]> baGap = new ArrayList<>();
        for (RegularityStudy.Row row : r.rows()) {
            RegularityStudy.Graph g = row.graph();
            csv.add(g.family().label(), g.parameter(), g.seed(), g.spec(), r.config().workers(), row.spectralGap(),
                    row.meanNeighbors(), row.worstNeighbors(), row.best().rate(), row.best().learningRate());
            boolean erdos = g.family() == RegularityStudy.Family.ERDOS_RENYI;
            (erdos ? er : ba).add(new double[] {row.meanNeighbors(), row.best().rate()});
            (erdos ? erGap : baGap).add(new double[] {row.spectralGap(), row.best().rate()});
        }
        out.table(GRAPHS, csv);
        Table summary = Summary.SCHEMA.table();
        summary.add("spearman_rate_nw", r.rhoNeighbors(), "Spearman rho(best rate, n_W(0.951)) over all graphs");
        summary.add("spearman_rate_nw_worst", r.rhoWorstNeighbors(), "Spearman rho(best rate, worst-mode n_W(0.951)), the n_W that Eq. 7 uses");
        summary.add("spearman_rate_gap", r.rhoGap(), "Spearman rho(best rate, spectral gap) over all graphs");
        out.table(Summary.TABLE, summary);
        Chart left = new Chart("Best D-SGD rate on the quadratic vs n_W (n = 64, zeta = 100)", "n_W(γ = 0.951)",
                "best convergence rate").note(String.format(Locale.ROOT, "Spearman rho(rate, n_W) = %.3f   (vs spectral gap: %.3f)",
                r.rhoNeighbors(), r.rhoGap()));
        left.add("Erdos-Renyi, p = 0.2 ... 1", er, 0, Chart.Style.POINTS).add("Barabasi-Albert, m = 4 ... 20", ba, 1, Chart.Style.POINTS);
        Chart right = new Chart("Best D-SGD rate on the quadratic vs spectral gap (n = 64, zeta = 100)", "spectral gap",
                "best convergence rate").note(String.format(Locale.ROOT, "Spearman rho(rate, spectral gap) = %.3f   (vs n_W: %.3f)",
                r.rhoGap(), r.rhoNeighbors()));
        right.add("Erdos-Renyi, p = 0.2 ... 1", erGap, 0, Chart.Style.POINTS).add("Barabasi-Albert, m = 4 ... 20", baGap, 1, Chart.Style.POINTS);
        out.chart("-left", left);
        out.chart("-right", right);
        out.report(String.format(Locale.ROOT, "%s: Spearman rho(best rate, n_W(0.951)) = %.3f (worst-mode n_W: %.3f), rho(best rate, spectral gap) = %.3f",
                out.name(), r.rhoNeighbors(), r.rhoWorstNeighbors(), r.rhoGap()));
    }
}
