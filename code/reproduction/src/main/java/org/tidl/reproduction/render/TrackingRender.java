package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.reproduction.beyond.TrackingStudy;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/**
 * The tracking study as {@code NAME.csv} (one row per optimizer and topology), {@code NAME-summary.csv} (ρ per
 * optimizer) and {@code NAME-left.png} / {@code NAME-right.png} (error against n_W and against the spectral gap).
 */
public final class TrackingRender implements Renderer<TrackingStudy.Result> {

    public static final TableOutput CELLS = new TableOutput("", Schema.of(text("topology"), text("spec"),
            text("optimizer"), number("workers"), number("n_w_0.951"), number("spectral_gap"),
            number("best_learning_rate"), number("distance_to_optimum"), number("diverged_learning_rates")));

    public static final TableOutput CORRELATIONS = new TableOutput("-summary", Schema.of(text("optimizer"),
            number("spearman_error_nw"), number("spearman_error_gap")));

    @Override
    public List<TableOutput> tables() {
        return List.of(CELLS, CORRELATIONS);
    }

    @Override
    public void render(TrackingStudy.Result r, FigureOutput out) {
        TrackingStudy.Config c = r.config();
        Table csv = CELLS.schema().table();
        Table summary = CORRELATIONS.schema().table();
        Chart left = new Chart("Heterogeneous quadratics: error after 300 steps at the best lr vs n_W (n = 32)", "n_W(γ = 0.951)",
                "(1/n) Σ ‖x_i − x*‖²").logY();
        Chart right = new Chart("Heterogeneous quadratics: error after 300 steps at the best lr vs spectral gap (n = 32)",
                "spectral gap", "(1/n) Σ ‖x_i − x*‖²").logY();
        int color = 0;
        for (TrackingStudy.Correlation rho : r.correlations()) {
            List<double[]> byNw = new ArrayList<>();
            List<double[]> byGap = new ArrayList<>();
            for (TrackingStudy.Cell cell : r.cells()) {
                if (!cell.optimizer().equals(rho.optimizer())) {
                    continue;
                }
                csv.add(cell.topology().label(), cell.topology().spec(), cell.optimizer(), c.problem().workers(),
                        cell.neighbors(), cell.spectralGap(), cell.bestLearningRate(), cell.error(), cell.diverged());
                byNw.add(new double[] {cell.neighbors(), cell.error()});
                byGap.add(new double[] {cell.spectralGap(), cell.error()});
            }
            summary.add(rho.optimizer(), rho.rhoNeighbors(), rho.rhoGap());
            left.add(String.format(Locale.ROOT, "%s (rho %.2f)", rho.optimizer(), rho.rhoNeighbors()), byNw, color, Chart.Style.POINTS);
            right.add(String.format(Locale.ROOT, "%s (rho %.2f)", rho.optimizer(), rho.rhoGap()), byGap, color, Chart.Style.POINTS);
            out.report(String.format(Locale.ROOT, "%s: %s: Spearman rho(error, n_W(0.951)) = %.3f, rho(error, spectral gap) = %.3f",
                    out.name(), rho.optimizer(), rho.rhoNeighbors(), rho.rhoGap()));
            color++;
        }
        String note = "d = 10, optima b_i ~ N(0, I), gradient noise sigma = 1, " + c.steps() + " steps from x = 0, "
                + c.learningRates().points() + " learning rates";
        left.note(note);
        right.note(note);
        out.table(CELLS, csv);
        out.table(CORRELATIONS, summary);
        out.chart("-left", left);
        out.chart("-right", right);
    }
}
