package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.tidl.core.io.Csv;
import org.tidl.dl.experiment.Experiment;
import org.tidl.reproduction.dl.ExperimentPlot;
import org.tidl.reproduction.dl.TrainingLog;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/**
 * A user's experiment ({@code ./tidl plot}) as pictures with the CSV of what they draw beside them:
 * {@code NAME-loss-GROUP.png} and {@code NAME-accuracy-GROUP.png} (each cell's evaluations over the steps, the
 * training set solid and the test set dashed in the same colour, one chart per group of {@link ExperimentPlot}),
 * {@code NAME-curves.csv} (their points; {@code group} names the charts they are in), {@code NAME-lr.png} (final training loss against the learning rate per
 * setup, log axes, as Fig. 4; crosses at the top mark learning rates where a seed diverged) and
 * {@code NAME-lr.csv} (every setup and learning rate, with how it is drawn).
 */
public final class ExperimentPlotRender implements Renderer<ExperimentPlot.Result> {

    public static final TableOutput CURVES = new TableOutput("-curves", Schema.of(text("group"), text("setup"),
            text("optimizer"), text("topology"), number("workers"), number("learning_rate"), number("seed"), number("cell"),
            text("diverged"), number("step"), number("train_loss"), number("test_loss"), number("train_accuracy"),
            number("test_accuracy")));

    public static final TableOutput LEARNING_RATES = new TableOutput("-lr", Schema.of(text("setup"), text("optimizer"),
            text("topology"), number("workers"), number("learning_rate"), number("seeds"), number("diverged_seeds"),
            number("train_loss"), text("drawn")));

    /** Where the crosses of diverged learning rates sit, as a factor of the highest loss drawn (log axis). */
    private static final double CROSS_HEIGHT = 1.25;

    @Override
    public List<TableOutput> tables() {
        return List.of(CURVES, LEARNING_RATES);
    }

    @Override
    public void render(ExperimentPlot.Result r, FigureOutput out) {
        String setting = setting(r);
        // the learning-rate chart first: the overview (the report shows a plot's first picture in full)
        out.chart("-lr", learningRates(r, setting));
        Table lr = LEARNING_RATES.schema().table();
        for (ExperimentPlot.SetupCurve s : r.setups()) {
            for (ExperimentPlot.LearningRatePoint p : s.points()) {
                lr.add(p.setup(), p.optimizer(), p.topology(), p.workers(), p.learningRate(), p.seeds(), p.divergedSeeds(),
                        p.trainLoss(), p.drawn().name().toLowerCase(Locale.ROOT));
            }
            out.report(String.format(Locale.ROOT, "%s: %-28s best loss %.4f at lr %s, largest stable lr %s", out.name(), s.setup(),
                    s.curve().bestLoss(), Csv.number(s.curve().bestLr()), Csv.number(s.curve().largestStableLr())));
        }
        out.table(LEARNING_RATES, lr);
        Table curves = CURVES.schema().table();
        for (ExperimentPlot.Group g : r.groups()) {
            String suffixLoss = "-loss-" + g.key();
            String suffixAccuracy = "-accuracy-" + g.key();
            out.chart(suffixLoss, overSteps(r, g, "loss", true, TrainingLog.Evaluation::trainLoss, TrainingLog.Evaluation::testLoss,
                    setting));
            out.chart(suffixAccuracy, overSteps(r, g, "accuracy", false, TrainingLog.Evaluation::trainAccuracy,
                    TrainingLog.Evaluation::testAccuracy, setting));
            for (ExperimentPlot.CellCurve c : g.cells()) {
                TrainingLog.Run run = c.run();
                for (TrainingLog.Evaluation e : c.points()) {
                    curves.add(g.key(), c.setup(), run.optimizer(), run.topology(), run.workers(),
                            run.learningRate(), run.seed(), run.cell(), Boolean.toString(run.diverged()), e.step(), e.trainLoss(),
                            e.testLoss(), e.trainAccuracy(), e.testAccuracy());
                }
            }
        }
        out.table(CURVES, curves);
        if (!r.failed().isEmpty()) {
            List<String> cells = r.failed().stream().map(f -> Integer.toString(f.cell())).toList();
            out.report(out.name() + ": left out " + r.failed().size() + " failed cell(s) (no results; a resume runs them again): "
                    + String.join(", ", cells));
        }
    }

    /**
     * One group's curves over the steps: training set solid, test set dashed in its colour, one legend entry per
     * colour. A diverged cell ends in a cross at its last evaluation (on the top edge when that lies beyond it,
     * crosses at the same step stacked); the log axis of the loss fits the cells that did not diverge, whose values
     * a blow-up would otherwise squash.
     */
    private static Chart overSteps(ExperimentPlot.Result r, ExperimentPlot.Group g, String quantity, boolean logY,
                                   ToDoubleFunction<TrainingLog.Evaluation> train, ToDoubleFunction<TrainingLog.Evaluation> test,
                                   String setting) {
        Chart chart = new Chart(r.experiment() + ": " + quantity + " over the steps, " + g.title(), "step",
                quantity + " of the evaluated model");
        double lo = Double.POSITIVE_INFINITY; // over the cells that did not diverge
        double hi = Double.NEGATIVE_INFINITY;
        double loAll = Double.POSITIVE_INFINITY; // over all
        double hiAll = Double.NEGATIVE_INFINITY;
        double lastStep = 0;
        for (ExperimentPlot.CellCurve c : g.cells()) {
            for (TrainingLog.Evaluation e : c.points()) {
                lastStep = Math.max(lastStep, e.step());
                for (double y : new double[] {train.applyAsDouble(e), test.applyAsDouble(e)}) {
                    if (Double.isFinite(y) && (!logY || y > 0)) {
                        loAll = Math.min(loAll, y);
                        hiAll = Math.max(hiAll, y);
                        if (!c.run().diverged()) {
                            lo = Math.min(lo, y);
                            hi = Math.max(hi, y);
                        }
                    }
                }
            }
        }
        double top = Double.NaN; // the top edge of a fitted log axis
        if (logY) {
            chart.logYFine();
            if (lo < hi) {
                top = hi * 1.1;
                chart.yRange(lo / 1.1, top);
            }
        } else if (loAll < hiAll) {
            double unit = niceUnit(hiAll - loAll);
            chart.yTicks(unit, decimals(unit));
        }
        if (lastStep > 0) {
            // from the start of training, so that a lone evaluation is not a zero-width axis; about ten labels
            chart.xRange(0, lastStep * 1.02);
            double unit = Math.max(1, niceUnit(lastStep));
            chart.xTicks(unit, decimals(unit));
        }
        // cells evaluated once (e.g. only at the end) have no line to draw: dots and crosses instead
        boolean dots = g.cells().stream().allMatch(c -> c.points().size() <= 1);
        boolean anyTest = false;
        boolean anyDiverged = false;
        Map<Double, Integer> crossesAt = new HashMap<>();
        for (ExperimentPlot.CellCurve c : g.cells()) {
            List<double[]> trainPoints = points(c, train);
            List<double[]> testPoints = points(c, test);
            boolean hasTest = testPoints.stream().anyMatch(p -> Double.isFinite(p[1]));
            anyTest |= hasTest;
            String label = (r.grouping() == ExperimentPlot.Grouping.BY_SETUP ? "lr " + Csv.number(c.run().learningRate()) : c.setup())
                    + (c.run().diverged() ? " (diverged)" : "");
            chart.add(label, trainPoints, c.colour(), dots ? Chart.Style.POINTS : Chart.Style.SOLID);
            if (!c.first()) {
                chart.unlisted(); // a further seed: the colour's entry is listed once
            }
            if (hasTest) {
                chart.add(label + " test", testPoints, c.colour(), dots ? Chart.Style.CROSSES : Chart.Style.DASHED).unlisted();
            }
            if (!dots && trainPoints.size() == 1 && !c.run().diverged()) {
                chart.add(label + " point", trainPoints, c.colour(), Chart.Style.POINTS).unlisted();
            }
            if (!dots && c.run().diverged() && !trainPoints.isEmpty()) {
                double[] last = trainPoints.get(trainPoints.size() - 1);
                double y = last[1];
                if (!Double.isNaN(top) && !(y <= top)) { // beyond the edge (or not a number): on it, stacked downwards
                    int k = crossesAt.merge(last[0], 1, Integer::sum) - 1;
                    y = top / 1.04 / Math.pow(1.05, k);
                }
                if (Double.isFinite(y)) {
                    anyDiverged = true;
                    chart.add(label + " stopped", List.<double[]>of(new double[] {last[0], y}), c.colour(), Chart.Style.CROSSES).unlisted();
                }
            }
        }
        String sets = dots ? (anyTest ? "dots: training set, crosses: test set (one evaluation per cell)" : "training set (one evaluation per cell)")
                : anyTest ? "solid: training set, dashed: test set" : "training set (no test-set evaluations recorded)";
        chart.note(sets + (anyDiverged ? "; \u00d7: last evaluation of a diverged cell (on the top edge when beyond it)" : ""));
        boolean seeds = g.cells().stream().anyMatch(c -> !c.first());
        chart.note(setting + (seeds ? " (a setting's seeds share its colour)" : ""));
        return chart;
    }

    /** The smallest 1, 2 or 5 × 10^k that labels {@code span} with at most ten ticks. */
    static double niceUnit(double span) {
        double decade = Math.pow(10, Math.floor(Math.log10(span / 10)));
        for (int m : new int[] {1, 2, 5}) {
            if (span / (m * decade) <= 10) {
                return new java.math.BigDecimal(m).multiply(new java.math.BigDecimal(decade)).doubleValue();
            }
        }
        return 10 * decade;
    }

    /** Tick labels with as many decimals as {@code unit} needs (0.05: "0.75"; 20: "140"), in any locale. */
    private static java.text.NumberFormat decimals(double unit) {
        int d = Math.max(0, (int) -Math.floor(Math.log10(unit) + 1e-9));
        return new java.text.DecimalFormat(d == 0 ? "0" : "0." + "0".repeat(d), java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    private static List<double[]> points(ExperimentPlot.CellCurve c, ToDoubleFunction<TrainingLog.Evaluation> f) {
        List<double[]> out = new ArrayList<>();
        for (TrainingLog.Evaluation e : c.points()) {
            out.add(new double[] {e.step(), f.applyAsDouble(e)});
        }
        return out;
    }

    /** Final training loss against the learning rate per setup (log x and y), crosses at the top where a seed diverged. */
    private static Chart learningRates(ExperimentPlot.Result r, String setting) {
        Chart chart = new Chart(String.format(Locale.ROOT, "%s: training loss after %d steps", r.experiment(), r.steps()),
                "learning rate", "training loss of the evaluated model").logXFine().logYFine();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ExperimentPlot.SetupCurve s : r.setups()) {
            for (double[] p : s.curve().points()) {
                if (p[1] > 0 && Double.isFinite(p[1])) {
                    lo = Math.min(lo, p[1]);
                    hi = Math.max(hi, p[1]);
                }
            }
        }
        boolean anyDiverged = r.setups().stream().flatMap(s -> s.points().stream()).anyMatch(p -> p.drawn() == ExperimentPlot.Drawn.DIVERGED);
        double top = hi * CROSS_HEIGHT;
        if (lo <= hi) {
            chart.yRange(lo / 1.1, (anyDiverged ? top : hi) * 1.1); // room above the curves for the crosses only if there are any
        }
        Map<Double, Integer> crossesAt = new HashMap<>();
        for (ExperimentPlot.SetupCurve s : r.setups()) {
            // a setup run at one learning rate (or stable at only the first) is a point, not a line
            chart.add(s.setup(), s.curve().points(), s.colour(), s.curve().points().size() == 1 ? Chart.Style.POINTS : Chart.Style.SOLID);
            List<double[]> crosses = new ArrayList<>();
            for (ExperimentPlot.LearningRatePoint p : s.points()) {
                if (p.drawn() == ExperimentPlot.Drawn.DIVERGED && lo <= hi) {
                    int k = crossesAt.merge(p.learningRate(), 1, Integer::sum) - 1; // setups diverged at one rate: stacked
                    crosses.add(new double[] {p.learningRate(), top / Math.pow(1.05, k)});
                }
            }
            if (!crosses.isEmpty()) {
                chart.add(s.setup() + " diverged", crosses, s.colour(), Chart.Style.CROSSES).unlisted();
            }
        }
        chart.note("seeds averaged; a curve stops before the first learning rate where a seed diverged"
                + (anyDiverged ? " (\u00d7 at the top, in its colour)" : ""));
        chart.note(setting);
        return chart;
    }

    /** "fashion-mnist mlp, dsgd-atc, batch 16, 200 steps, constant schedule, 1 seed; 2 failed cells left out". */
    private static String setting(ExperimentPlot.Result r) {
        List<String> parts = new ArrayList<>();
        Experiment x = r.settings();
        if (x != null) {
            parts.add(x.dataset() + " " + x.model());
            parts.add(String.join("/", x.optimizers()));
            parts.add("batch " + x.batch());
            parts.add(x.schedule() + " schedule");
        }
        long seeds = r.groups().stream().flatMap(g -> g.cells().stream()).map(c -> c.run().seed()).distinct().count();
        parts.add(seeds + (seeds == 1 ? " seed" : " seeds"));
        String s = String.join(", ", parts);
        return r.failed().isEmpty() ? s : s + "; " + r.failed().size() + " failed cell(s) left out";
    }
}
