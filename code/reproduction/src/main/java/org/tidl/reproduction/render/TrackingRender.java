package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.PaperTopology;
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

    private static String lr(double v) {
        return new Chart.DecadeFormat().format(v);
    }

    @Override
    public void render(TrackingStudy.Result r, FigureOutput out) {
        TrackingStudy.Config c = r.config();
        Table csv = CELLS.schema().table();
        Table summary = CORRELATIONS.schema().table();
        Chart left = new Chart("Heterogeneous quadratics: error after " + c.steps() + " steps at the best lr vs n_W (n = "
                + c.problem().workers() + ")", "n_W(γ = 0.951)", "(1/n) Σ ‖x_i − x*‖²").logY();
        Chart right = new Chart("Heterogeneous quadratics: error after " + c.steps() + " steps at the best lr vs spectral gap (n = "
                + c.problem().workers() + ")", "spectral gap", "(1/n) Σ ‖x_i − x*‖²").logY().logX();
        // log x cannot show a gap of 0 (solo): such points are drawn at the left edge and say so
        double smallestGap = r.cells().stream().mapToDouble(TrackingStudy.Cell::spectralGap).filter(g -> g > 0).min().orElse(1);
        double edge = smallestGap / 3;
        right.xRange(edge / 1.3, 1.6);
        List<Chart.Key> keys = new ArrayList<>();
        List<String> atEdge = new ArrayList<>();
        List<String> widened = new ArrayList<>();
        double[] grid = c.learningRates().values();
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
                byGap.add(new double[] {cell.spectralGap() > 0 ? cell.spectralGap() : edge, cell.error()});
                String who = cell.topology().label() + " (" + Names.optimizer(cell.optimizer()) + ")";
                if (!cell.bracketed()) {
                    atEdge.add(who);
                }
                if (cell.lowest() < grid[0] * 0.999 || cell.highest() > grid[grid.length - 1] * 1.001) {
                    widened.add(String.format(Locale.ROOT, "%s to [%s, %s]", who, lr(cell.lowest()), lr(cell.highest())));
                }
            }
            summary.add(rho.optimizer(), rho.rhoNeighbors(), rho.rhoGap());
            // D-SGD filled dots, gradient tracking hollow squares around them: both show where they coincide (solo)
            Chart.Style style = color == 0 ? Chart.Style.POINTS : Chart.Style.OPEN_MARKS;
            left.add(rho.optimizer(), byNw, color, style);
            right.add(rho.optimizer(), byGap, color, style);
            keys.add(new Chart.Key(String.format(Locale.ROOT, "%s (Spearman rho vs n_W %.2f, vs gap %.2f)", Names.optimizer(rho.optimizer()),
                    rho.rhoNeighbors(), rho.rhoGap()), color, style));
            out.report(String.format(Locale.ROOT, "%s: %s: Spearman rho(error, n_W(0.951)) = %.3f, rho(error, spectral gap) = %.3f",
                    out.name(), rho.optimizer(), rho.rhoNeighbors(), rho.rhoGap()));
            color++;
        }
        // a thin grey line joins one topology's points, labelled once at its first optimizer's point
        java.util.Map<PaperTopology, List<TrackingStudy.Cell>> byTopology = new java.util.LinkedHashMap<>();
        for (TrackingStudy.Cell cell : r.cells()) {
            byTopology.computeIfAbsent(cell.topology(), k -> new ArrayList<>()).add(cell);
        }
        for (List<TrackingStudy.Cell> pair : byTopology.values()) {
            TrackingStudy.Cell first = pair.get(0);
            double gx = first.spectralGap() > 0 ? first.spectralGap() : edge;
            String label = first.topology().label() + (first.spectralGap() > 0 ? "" : " (gap 0, at the edge)");
            left.add(first.topology().label(), pair.stream().map(x -> new double[] {x.neighbors(), x.error()}).toList(), 7,
                    Chart.Style.SOLID, Chart.solid(0.8f)).label(first.neighbors(), first.error(), first.topology().label(), Chart.BLACK);
            right.add(first.topology().label(), pair.stream().map(x -> new double[] {gx, x.error()}).toList(), 7,
                    Chart.Style.SOLID, Chart.solid(0.8f)).label(gx, first.error(), label, Chart.BLACK);
        }
        keys.add(new Chart.Key("one topology", 7, Chart.Style.SOLID));
        left.key(keys);
        right.key(keys);
        String note = String.format(Locale.ROOT, "d = %d, optima b_i ~ N(0, I), gradient noise sigma = %s, %d steps from x = 0; best of %d learning rates in [%s, %s]",
                c.problem().dim(), Csv.number(c.problem().noise()), c.steps(), grid.length, lr(grid[0]), lr(grid[grid.length - 1]));
        for (Chart chart : new Chart[] {left, right}) {
            chart.note(note + (widened.isEmpty() ? "" : ", widened until the optimum is bracketed for " + StyleLegend.list(widened)));
            if (!atEdge.isEmpty()) {
                chart.note("Optimum at grid edge (even after widening): " + StyleLegend.list(atEdge));
            }
        }
        right.note("Solo has spectral gap 0: drawn at the left edge of the log axis.");
        out.table(CELLS, csv);
        out.table(CORRELATIONS, summary);
        out.chart("-left", left);
        out.chart("-right", right);
    }
}
