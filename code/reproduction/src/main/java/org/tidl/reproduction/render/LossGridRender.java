package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

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
        Chart chart = new Chart(String.format(Locale.ROOT, "Fig. 4 (%s%s): training loss after %d steps", data(c.dataset()),
                c.quick() ? ", quick" : "", r.steps()), "learning rate", "training loss of the evaluated model (inference mode)").logX();
        int color = 0;
        for (int k = 0; k < r.curves().size(); k++) {
            LearningRateCurve curve = r.curves().get(k);
            String label = PaperTopology.label(curve.topology(), curve.workers());
            chart.add(label, curve.points(), color, Chart.Style.SOLID);
            if (!r.paperCurves().get(k).isEmpty()) {
                chart.add(label + " (paper)", r.paperCurves().get(k), color, Chart.Style.DASHED);
            }
            out.report(String.format(Locale.ROOT, "%s: %-26s best loss %.4f at lr %s, largest stable lr %s", out.name(), label,
                    curve.bestLoss(), Csv.number(curve.bestLr()), Csv.number(curve.largestStableLr())));
            color++;
        }
        chart.note("experiment " + c.experiment() + ": " + (r.curves().isEmpty() ? 0 : r.curves().get(0).workers()) + " workers; "
                + "curves stop at the last learning rate that did not diverge");
        out.chart("", chart);
    }
}
