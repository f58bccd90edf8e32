package org.tidl.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tidl.core.io.Csv;
import org.tidl.core.io.CsvReader;

/**
 * Fig. 4: training loss of the evaluated model after the grid's steps against the learning rate, one curve
 * per topology, log x; each curve stops at its last non-diverged learning rate (the paper's convention).
 * {@code fig4} is CIFAR-10 / VGG-11 (the paper's figure, with its digitised curves dashed), {@code fig4-fashion}
 * the Fashion-MNIST MLP replication.
 */
final class DlLossGrid implements Figure {

    private final boolean fashion;

    DlLossGrid(boolean fashion) {
        this.fashion = fashion;
    }

    @Override public String name() { return fashion ? "fig4-fashion" : "fig4"; }

    @Override
    public String description() {
        return fashion ? "Fashion-MNIST MLP: training loss vs learning rate per topology (runs experiments)"
                : "CIFAR-10 VGG-11: training loss vs learning rate per topology (needs CIFAR-10; runs experiments)";
    }

    @Override
    public int work(boolean quick) {
        return DlResults.work(List.of(DlResults.experimentName(fashion, "grid", quick)));
    }

    @Override
    public void make(Job job) {
        String exp = DlResults.experimentName(fashion, "grid", job.quick);
        List<Map<String, String>> runs = DlResults.runs(job, exp);
        Csv csv = new Csv("topology", "spec", "workers", "learning_rate", "seed", "diverged", "train_loss", "train_accuracy",
                "test_loss", "test_accuracy", "consensus_distance");
        for (Map<String, String> r : runs) {
            int n = Integer.parseInt(r.get("workers"));
            csv.add(DlResults.label(r.get("topology"), n), r.get("topology"), n, CsvReader.number(r.get("learning_rate")),
                    r.get("seed"), r.get("diverged"), CsvReader.number(r.get("train_loss")),
                    CsvReader.number(r.get("train_accuracy")), CsvReader.number(r.get("test_loss")),
                    CsvReader.number(r.get("test_accuracy")), CsvReader.number(r.get("consensus_distance")));
        }
        job.csv(name() + ".csv", csv);
        List<DlResults.Curve> curves = DlResults.curves(runs);
        int steps = Integer.parseInt(runs.isEmpty() ? "0" : runs.get(0).get("steps"));
        String data = fashion ? "Fashion-MNIST MLP" : "CIFAR-10 VGG-11";
        Chart chart = new Chart(String.format(Locale.ROOT, "Fig. 4 (%s%s): training loss after %d steps", data,
                job.quick ? ", quick" : "", steps), "learning rate", "training loss of the evaluated model (inference mode)").logX();
        int color = 0;
        for (DlResults.Curve c : curves) {
            String label = DlResults.label(c.topology(), c.workers());
            chart.add(label, c.points(), color, Chart.Style.SOLID);
            if (!fashion) {
                List<double[]> paper = job.paper.curve("fig4", label);
                if (!paper.isEmpty()) {
                    chart.add(label + " (paper)", paper, color, Chart.Style.DASHED);
                }
            }
            job.report(String.format(Locale.ROOT, "%s: %-26s best loss %.4f at lr %s, largest stable lr %s", name(), label,
                    c.bestLoss(), Csv.number(c.bestLr()), Csv.number(c.largestStableLr())));
            color++;
        }
        chart.note("experiment " + exp + ": " + (curves.isEmpty() ? 0 : curves.get(0).workers()) + " workers; "
                + "curves stop at the last learning rate that did not diverge");
        job.png(name() + ".png", chart);
    }
}
