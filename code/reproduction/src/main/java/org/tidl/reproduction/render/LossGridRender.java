package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.Dataset;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.dl.ExperimentConfig;
import org.tidl.reproduction.dl.LearningRateCurve;
import org.tidl.reproduction.dl.LossGridStudy;
import org.tidl.reproduction.dl.TrainingLog;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/** Fig. 4 as {@code NAME.csv} (every run of the grid) and {@code NAME.png} (loss against learning rate per topology). */
public final class LossGridRender implements Renderer<LossGridStudy.Result> {

    public static final TableOutput RUNS = new TableOutput("", Schema.of(text("topology"), text("spec"),
            number("workers"), number("learning_rate"), number("seed"), text("diverged"), number("train_loss"),
            number("train_accuracy"), number("test_loss"), number("test_accuracy"), number("consensus_distance")));

    @Override
    public List<TableOutput> tables() {
        return List.of(RUNS);
    }

    /** "Fashion-MNIST MLP" or "CIFAR-10 VGG-11", for titles. */
    static String data(Dataset d) {
        return d == Dataset.FASHION_MNIST ? "Fashion-MNIST MLP" : "CIFAR-10 VGG-11";
    }

    @Override
    public void render(LossGridStudy.Result r, FigureOutput out) {
        ExperimentConfig c = r.config();
        Table csv = RUNS.schema().table();
        for (TrainingLog.Run run : r.runs()) {
            csv.add(PaperTopology.label(run.topology(), run.workers()), run.topology(), run.workers(), run.learningRate(),
                    run.seed(), Boolean.toString(run.diverged()), run.trainLoss(), run.trainAccuracy(), run.testLoss(),
                    run.testAccuracy(), run.consensusDistance());
        }
        out.table(RUNS, csv);
        // log y, clipped above at 3 × the lowest loss: the losses that matter (near each optimum) differ by a few
        // hundredths, and the climb to divergence would otherwise squash them into a sliver
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (LearningRateCurve curve : r.curves()) {
            for (double[] p : curve.points()) {
                lowest = Math.min(lowest, p[1]);
                highest = Math.max(highest, p[1]);
            }
        }
        Chart chart = new Chart(String.format(Locale.ROOT, "Fig. 4 (%s%s): training loss after %d steps", data(c.dataset()),
                c.quick() ? ", quick" : "", r.steps()), "learning rate", "training loss of the evaluated model (inference mode)")
                .logX().logY();
        double top = Math.min(highest * 1.05, 3 * lowest);
        if (lowest < top) {
            chart.yRange(0.92 * lowest, top);
        }
        StyleLegend legend = new StyleLegend(chart).style(Chart.Style.SOLID, "ours").style(Chart.Style.DASHED, "the paper, digitised");
        List<String> atEdge = new ArrayList<>();
        int above = 0;
        int color = 0;
        for (int k = 0; k < r.curves().size(); k++) {
            LearningRateCurve curve = r.curves().get(k);
            String label = PaperTopology.label(curve.topology(), curve.workers());
            legend.colour(label, color);
            int ours = chart.size();
            legend.series(label, curve.points(), color, Chart.Style.SOLID, -1);
            if (!r.paperCurves().get(k).isEmpty()) {
                legend.series(label, r.paperCurves().get(k), color, Chart.Style.DASHED, ours);
            }
            above += (int) curve.points().stream().filter(p -> p[1] > top).count();
            if (curve.bestAtGridEdge()) {
                atEdge.add(label + " (lr " + Csv.number(curve.bestLr()) + ")");
            }
            out.report(String.format(Locale.ROOT, "%s: %-26s best loss %.4f at lr %s, largest stable lr %s%s", out.name(), label,
                    curve.bestLoss(), Csv.number(curve.bestLr()), Csv.number(curve.largestStableLr()),
                    curve.bestAtGridEdge() ? " (best lr at the edge of the grid)" : ""));
            color++;
        }
        legend.apply("ours");
        chart.note("experiment " + c.experiment() + ": " + (r.curves().isEmpty() ? 0 : r.curves().get(0).workers()) + " workers; "
                + "curves stop at the last learning rate that did not diverge");
        if (above > 0) {
            chart.note(String.format(Locale.ROOT, "Log y clipped at %s (3 × the lowest loss): %d points above it run off the top (every value is in %s).",
                    Csv.number(Math.round(top * 1000) / 1000.0), above, out.name() + ".csv"));
        }
        if (!atEdge.isEmpty()) {
            chart.note("Optimum at grid edge: " + StyleLegend.list(atEdge) + "; a better learning rate may lie beyond it.");
        }
        out.chart("", chart);
    }
}
