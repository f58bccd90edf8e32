package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.dl.OptimizerStudy;
import org.tidl.reproduction.dl.TrainingLog;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/**
 * The optimizer study as {@code NAME.csv} (each optimizer × topology at its best learning rate),
 * {@code NAME-curves.csv} (their evaluations) and one picture per experiment ({@code NAME-detag.png}, ...), the
 * final test accuracy in the legend.
 */
public final class OptimizerStudyRender implements Renderer<OptimizerStudy.Result> {

    public static final TableOutput BEST = new TableOutput("", Schema.of(text("experiment"), text("optimizer"),
            text("topology"), number("best_learning_rate"), number("train_loss"), number("test_loss"),
            number("test_accuracy"), number("diverged_learning_rates")));

    public static final TableOutput CURVES = new TableOutput("-curves", Schema.of(text("experiment"), text("optimizer"),
            text("topology"), number("learning_rate"), number("step"), number("train_loss"), number("test_accuracy")));

    @Override
    public List<TableOutput> tables() {
        return List.of(BEST, CURVES);
    }

    @Override
    public void render(OptimizerStudy.Result r, FigureOutput out) {
        Table best = BEST.schema().table();
        Table curves = CURVES.schema().table();
        for (OptimizerStudy.PartResult part : r.parts()) {
            String exp = part.part().experiment();
            Chart chart = new Chart("Fashion-MNIST, " + exp + ": training loss at each one's best learning rate", "step",
                    "training loss of the evaluated worker's model");
            List<String> atEdge = new ArrayList<>();
            long last = part.best().stream().flatMap(b -> b.curve().stream()).mapToLong(TrainingLog.Evaluation::step).max().orElse(1);
            chart.xRange(0, last * 1.02);
            int color = 0;
            for (OptimizerStudy.Best b : part.best()) {
                TrainingLog.Run run = b.run();
                List<double[]> loss = new ArrayList<>();
                for (TrainingLog.Evaluation e : b.curve()) {
                    loss.add(new double[] {e.step(), e.trainLoss()});
                    curves.add(exp, b.optimizer(), b.topology(), run.learningRate(), e.step(), e.trainLoss(), e.testAccuracy());
                }
                String lr = Csv.number(run.learningRate());
                String name = Names.optimizer(b.optimizer()) + " on " + Names.topology(b.topology(), run.workers());
                if (b.atGridEdge()) {
                    atEdge.add(String.format(Locale.ROOT, "%s (lr %s of %s ... %s)", name, lr, Csv.number(b.learningRates().get(0)),
                            Csv.number(b.learningRates().get(b.learningRates().size() - 1))));
                }
                chart.add(String.format(Locale.ROOT, "%s, lr %s%s (test acc %.3f)", name, lr, b.atGridEdge() ? " [grid edge]" : "",
                        run.testAccuracy()), loss, color++, Chart.Style.LINE_POINTS);
                best.add(exp, b.optimizer(), b.topology(), run.learningRate(), run.trainLoss(), run.testLoss(),
                        run.testAccuracy(), b.diverged());
                out.report(String.format(Locale.ROOT, "%s: %s: %-45s best lr %s%s, train loss %.4f, test accuracy %.4f", out.name(),
                        exp, b.key(), lr, b.atGridEdge() ? " (at the edge of the grid)" : "", run.trainLoss(), run.testAccuracy()));
            }
            chart.note(part.part().setting());
            chart.note("The evaluated model is one worker's, without EMA: its loss moves with that worker's last minibatches, and every"
                    + " curve uses the seed's same minibatches, so such moves line up across curves (docs/optimizers.md).");
            if (!atEdge.isEmpty()) {
                chart.note("Optimum at grid edge: " + StyleLegend.list(atEdge) + "; a better learning rate may lie beyond it.");
            }
            out.chart("-" + part.part().picture(), chart);
        }
        out.table(BEST, best);
        out.table(CURVES, curves);
    }
}
