package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.dl.NeighborsLossStudy;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/**
 * Fig. 6 as {@code NAME.csv} (the points), {@code NAME-summary.csv} (the findings that verify checks) and
 * {@code NAME-left.png} / {@code NAME-right.png} (loss against n_W and against the spectral gap).
 */
public final class NeighborsLossRender implements Renderer<NeighborsLossStudy.Result> {

    public static final TableOutput POINTS = new TableOutput("", Schema.of(text("topology"), text("spec"),
            number("workers"), text("kind"), number("best_learning_rate"), number("train_loss"), number("n_w_0.951"),
            number("spectral_gap")));

    @Override
    public List<TableOutput> tables() {
        return List.of(POINTS, Summary.TABLE);
    }

    @Override
    public void render(NeighborsLossStudy.Result r, FigureOutput out) {
        List<NeighborsLossStudy.Point> points = r.points();
        Table csv = POINTS.schema().table();
        for (NeighborsLossStudy.Point p : points) {
            csv.add(p.label(), p.spec(), p.workers(), p.kind().id(), p.bestLr(), p.loss(), p.neighbors(), p.gap());
        }
        out.table(POINTS, csv);
        NeighborsLossStudy.Findings f = r.findings();
        Table summary = Summary.SCHEMA.table();
        summary.add("spearman_loss_nw", f.rhoNeighbors(), "Spearman rho(best loss, n_W(0.951)) over the grid's topologies");
        summary.add("spearman_loss_gap", f.rhoGap(), "Spearman rho(best loss, spectral gap) over the grid's topologies");
        summary.add("abs_rho_gap_minus_abs_rho_nw", Math.abs(f.rhoGap()) - Math.abs(f.rhoNeighbors()), "< 0: n_W explains the loss better");
        summary.add("star_minus_ring_loss", f.starMinusRingLoss(), "> 0: star worse than ring (Fig. 4 caption)");
        summary.add("star_minus_ring_gap", f.starMinusRingGap(), "> 0: star has the larger spectral gap");
        summary.add("ordering_violations", f.orderingViolations(), "pairs against FC < Hypercube < {Two cliques, Torus, TV-exp, Social} < Ring < Binary tree < Star < Solo");
        summary.add("solo_minus_worst_other", f.soloMinusWorstOther(), "> 0: solo is the worst");
        summary.add("best_other_minus_fc", f.bestOtherMinusFc(), "> 0: fully connected is the best");
        summary.add("stable_lr_ratio_best_graph_fc", f.stableLrRatio(),
                "largest non-diverged lr of hypercube/torus over that of fully connected (Fig. 4: about the same)");
        summary.add("fc_scaling_violations", f.fcScalingViolations(), "fully connected: times a larger n has a larger loss");
        out.table(Summary.TABLE, summary);

        String data = LossGridRender.data(r.config().dataset());
        String q = r.config().quick() ? ", quick" : "";
        int n = points.stream().filter(p -> p.kind() == NeighborsLossStudy.Kind.GRID).mapToInt(NeighborsLossStudy.Point::workers)
                .findFirst().orElse(0);
        Chart left = new Chart("Fig. 6 (" + data + q + "): loss at the best learning rate vs effective neighbours",
                "n_W(γ = 0.951)", "training loss").xRange(0.8, Math.max(n, 2) * 1.05)
                .note(String.format(Locale.ROOT, "Spearman rho(loss, n_W) = %.3f   (vs spectral gap: %.3f)", f.rhoNeighbors(), f.rhoGap()));
        Chart right = new Chart("Fig. 6 (" + data + q + "): loss at the best learning rate vs spectral gap",
                "spectral gap", "training loss").xRange(-0.02, 1.02)
                .note(String.format(Locale.ROOT, "Spearman rho(loss, spectral gap) = %.3f   (vs n_W: %.3f)", f.rhoGap(), f.rhoNeighbors()));
        // every point named beside it (no legend to match by colour); each topology its own colour and hollow shape,
        // so two points that fall together (hypercube and torus at 16) both show; the fully-connected runs at other
        // sizes are black crosses
        left.noLegend();
        right.noLegend();
        List<String> atEdge = new ArrayList<>();
        int color = 0;
        for (NeighborsLossStudy.Point p : points) {
            if (p.bestAtGridEdge()) {
                atEdge.add(p.label() + " (lr " + Csv.number(p.bestLr()) + ")");
            }
            boolean scaling = p.kind() == NeighborsLossStudy.Kind.SCALING;
            Chart.Style style = scaling ? Chart.Style.CROSSES : Chart.Style.OPEN_MARKS;
            int c = scaling ? Chart.BLACK : color;
            for (Chart chart : new Chart[] {left, right}) {
                double x = chart == left ? p.neighbors() : p.gap();
                chart.add(p.label(), new double[] {x}, new double[] {p.loss()}, c, style);
                if (!scaling) {
                    chart.shape(color);
                }
                chart.label(x, p.loss(), p.label() + (p.bestAtGridEdge() ? " [lr at grid edge]" : ""), c);
            }
            if (!scaling) {
                color++;
            }
        }
        if (!atEdge.isEmpty()) {
            for (Chart chart : new Chart[] {left, right}) {
                chart.note("Optimum at grid edge: " + StyleLegend.list(atEdge) + "; the loss there may not be the best.");
            }
        }
        out.chart("-left", left);
        out.chart("-right", right);
        out.report(String.format(Locale.ROOT, "%s: Spearman rho(loss, n_W(0.951)) = %.3f, rho(loss, spectral gap) = %.3f (paper, CIFAR-10: -0.976 and -0.64)",
                out.name(), f.rhoNeighbors(), f.rhoGap()));
    }
}
