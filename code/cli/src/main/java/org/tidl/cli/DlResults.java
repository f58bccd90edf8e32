package org.tidl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.core.io.CsvReader;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Trainer;

/**
 * What the deep-learning figures share: which experiment file backs a figure (quick or full, Fashion-MNIST or
 * CIFAR-10), running it (resuming whatever is already in results/), and reading its runs back.
 */
final class DlResults {

    private DlResults() {
    }

    /** Experiment names by data set, role and size. */
    static String experimentName(boolean fashion, String role, boolean quick) {
        String base = switch (role) {
            case "grid" -> fashion ? "fashion-grid-bs16-iid" : "cifar-vgg-grid-bs16-iid";
            case "scaling" -> fashion ? "fashion-grid-bs16-iid-scaling" : "cifar-vgg-grid-bs16-iid-scaling";
            case "covariance" -> fashion ? "fashion-bs16-covariance" : "cifar-vgg-bs16-covariance-v2";
            default -> throw new IllegalArgumentException(role);
        };
        return quick ? base + "-quick" : base;
    }

    static Experiment experiment(String name) {
        return Experiment.read(TrainCommand.experimentFile(name), List.of());
    }

    /** Progress units (training steps) of the experiments behind a figure. */
    static int work(List<String> names) {
        long steps = 0;
        for (String n : names) {
            Experiment x = experiment(n);
            steps += x.cells().size() * Trainer.stepsPerCell(x);
        }
        return (int) Math.min(Integer.MAX_VALUE, steps);
    }

    /** Runs (or resumes) the experiment into the figure's results folder and returns its runs.csv rows. */
    static List<Map<String, String>> runs(Figure.Job job, String name) {
        Experiment x = experiment(name);
        Path dir = TrainCommand.train(job.ctx, x, job.dir, job.dataDir, true, false, job.progress);
        job.written.add(dir.resolve("runs.csv"));
        return CsvReader.read(dir.resolve("runs.csv"));
    }

    /** The paper's name for a topology spec at n workers ("circulant:offsets=1,8" at 32 is "Torus (4x8)"). */
    static String label(String spec, int n) {
        if (spec.startsWith("circulant:offsets=1,")) {
            int k = Integer.parseInt(spec.substring("circulant:offsets=1,".length()));
            return "Torus (" + (n / k) + "x" + k + ")";
        }
        return switch (spec) {
            case "solo" -> "Solo";
            case "star" -> "Star";
            case "binary-tree" -> "Binary tree";
            case "ring" -> "Ring";
            case "time-varying-exponential" -> "Time-varying exponential";
            case "social-network" -> "Social network";
            case "two-cliques" -> "Two cliques";
            case "hypercube" -> "Hypercube";
            case "fully-connected" -> "Fully connected";
            default -> spec;
        };
    }

    /** One topology's learning-rate curve: the non-diverged (lr, final training loss) points, by lr. */
    record Curve(String topology, int workers, List<double[]> points, double largestStableLr, double bestLoss,
                 double bestLr) { }

    /** Curves per (topology, workers), in the experiment's order; seeds are averaged per learning rate. */
    static List<Curve> curves(List<Map<String, String>> runs) {
        Map<String, Map<Double, double[]>> byTopology = new LinkedHashMap<>();
        for (Map<String, String> r : runs) {
            String key = r.get("topology") + "\u0000" + r.get("workers");
            double lr = Double.parseDouble(r.get("learning_rate"));
            Map<Double, double[]> m = byTopology.computeIfAbsent(key, k -> new java.util.TreeMap<>());
            if (Boolean.parseBoolean(r.get("diverged"))) {
                m.putIfAbsent(lr, new double[] {Double.NaN, 0});
                m.get(lr)[0] = Double.NaN;
                continue;
            }
            double[] acc = m.computeIfAbsent(lr, k -> new double[2]);
            acc[0] += CsvReader.number(r.get("train_loss"));
            acc[1]++;
        }
        List<Curve> out = new ArrayList<>();
        for (Map.Entry<String, Map<Double, double[]>> e : byTopology.entrySet()) {
            String[] k = e.getKey().split("\u0000");
            List<double[]> pts = new ArrayList<>();
            double largest = Double.NaN, best = Double.NaN, bestLr = Double.NaN;
            for (Map.Entry<Double, double[]> p : e.getValue().entrySet()) {
                double loss = p.getValue()[0] / p.getValue()[1];
                if (!Double.isFinite(loss)) {
                    break; // the paper's curves stop at the first diverged learning rate
                }
                pts.add(new double[] {p.getKey(), loss});
                largest = p.getKey();
                if (Double.isNaN(best) || loss < best) {
                    best = loss;
                    bestLr = p.getKey();
                }
            }
            out.add(new Curve(k[0], Integer.parseInt(k[1]), pts, largest, best, bestLr));
        }
        return out;
    }
}
