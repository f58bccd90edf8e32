package org.tidl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tidl.core.io.Csv;
import org.tidl.core.io.CsvReader;

/**
 * Beyond the paper, on Fashion-MNIST (quick experiments): (1) DeTAG against D-SGD and gradient tracking on
 * unshuffled data on a ring, DeTAG's claim; (2) AL-DSGD against D-PSGD and MATCHA under a communication budget,
 * AL-DSGD's claim. For each optimizer × topology, the training-loss curve at its best learning rate (lowest
 * final training loss among the runs that did not diverge), with the final test accuracy in the legend.
 */
final class OptimizerStudy implements Figure {

    static final String[] EXPERIMENTS = {"fashion-detag-unshuffled-quick", "fashion-al-dsgd-budget-quick"};

    @Override public String name() { return "study-optimizers-fashion"; }

    @Override
    public String description() {
        return "study: DeTAG on unshuffled data, AL-DSGD under a communication budget (Fashion-MNIST quick; runs experiments)";
    }

    @Override public int work(boolean quick) { return DlResults.work(List.of(EXPERIMENTS)); }

    @Override
    public void make(Job job) {
        Csv best = new Csv("experiment", "optimizer", "topology", "best_learning_rate", "train_loss", "test_loss",
                "test_accuracy", "diverged_learning_rates");
        Csv curves = new Csv("experiment", "optimizer", "topology", "learning_rate", "step", "train_loss", "test_accuracy");
        for (String exp : EXPERIMENTS) {
            List<Map<String, String>> runs = DlResults.runs(job, exp);
            Map<String, Map<String, String>> bestRun = new LinkedHashMap<>();
            Map<String, Integer> diverged = new LinkedHashMap<>();
            for (Map<String, String> r : runs) {
                String key = r.get("optimizer") + " on " + r.get("topology");
                diverged.merge(key, Boolean.parseBoolean(r.get("diverged")) ? 1 : 0, Integer::sum);
                if (Boolean.parseBoolean(r.get("diverged"))) {
                    continue;
                }
                Map<String, String> old = bestRun.get(key);
                if (old == null || CsvReader.number(r.get("train_loss")) < CsvReader.number(old.get("train_loss"))) {
                    bestRun.put(key, r);
                }
            }
            Map<String, List<double[]>> byCell = new LinkedHashMap<>();
            Path evals = job.dir.resolve(exp).resolve("evaluations.csv");
            for (Map<String, String> e : CsvReader.read(evals)) {
                byCell.computeIfAbsent(e.get("cell"), k -> new ArrayList<>()).add(new double[] {
                    CsvReader.number(e.get("step")), CsvReader.number(e.get("train_loss")), CsvReader.number(e.get("test_accuracy"))});
            }
            Chart chart = new Chart("Fashion-MNIST, " + exp + ": training loss at each one's best learning rate", "step",
                    "training loss of the evaluated worker");
            int color = 0;
            for (Map.Entry<String, Map<String, String>> e : bestRun.entrySet()) {
                Map<String, String> r = e.getValue();
                List<double[]> curve = byCell.getOrDefault(r.get("cell"), List.of());
                List<double[]> loss = new ArrayList<>();
                for (double[] p : curve) {
                    loss.add(new double[] {p[0], p[1]});
                    curves.add(exp, r.get("optimizer"), r.get("topology"), CsvReader.number(r.get("learning_rate")), (long) p[0],
                            p[1], p[2]);
                }
                double acc = CsvReader.number(r.get("test_accuracy"));
                chart.add(String.format(Locale.ROOT, "%s, lr %s (test acc %.3f)", e.getKey(), r.get("learning_rate"), acc), loss, color++,
                        Chart.Style.SOLID);
                best.add(exp, r.get("optimizer"), r.get("topology"), CsvReader.number(r.get("learning_rate")),
                        CsvReader.number(r.get("train_loss")), CsvReader.number(r.get("test_loss")), acc, diverged.get(e.getKey()));
                job.report(String.format(Locale.ROOT, "%s: %s: %-45s best lr %s, train loss %.4f, test accuracy %.4f", name(), exp,
                        e.getKey(), r.get("learning_rate"), CsvReader.number(r.get("train_loss")), acc));
            }
            chart.note(exp.contains("detag") ? "16-ring, data sorted by label (unshuffled), one minibatch per worker per step"
                    : "16 workers, i.i.d. data; MATCHA: random matchings of the hypercube, communication budget 0.5");
            job.png(name() + "-" + (exp.contains("detag") ? "detag" : "al-dsgd") + ".png", chart);
        }
        job.csv(name() + ".csv", best);
        job.csv(name() + "-curves.csv", curves);
    }
}
