package org.tidl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.StepContext;
import org.tidl.core.io.Csv;
import org.tidl.core.quadratic.HeterogeneousQuadraticOracle;
import org.tidl.core.stats.Spearman;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.SpectralGap;

/**
 * Beyond the paper: D-SGD against gradient tracking on heterogeneous quadratics (n = 32, d = 10, optima
 * b_i ~ N(0, I), gradient noise σ = 1). For each topology and optimizer, the distance to the optimum
 * (1/n)Σ‖x_i − x*‖² after 300 steps from x = 0 (mean of the last 30), at the best of 15 learning rates; plotted
 * against n_W(0.951) and against the spectral gap, with Spearman's ρ per optimizer.
 */
final class TrackingStudy implements Figure {

    static final int N = 32;
    static final int D = 10;
    static final String[][] TOPOLOGIES = {{"Solo", "solo"}, {"Star", "star"}, {"Binary tree", "binary-tree"},
        {"Ring", "ring"}, {"Time-varying exponential", "time-varying-exponential"}, {"Social network", "social-network"},
        {"Two cliques", "two-cliques"}, {"Torus (4x8)", "circulant:offsets=1,8"}, {"Hypercube", "hypercube"},
        {"Fully connected", "fully-connected"}};
    static final String[] OPTIMIZERS = {"dsgd", "gradient-tracking"};

    @Override public String name() { return "study-tracking"; }
    @Override public String description() { return "study: D-SGD vs gradient tracking on heterogeneous quadratics, best stationary error vs n_W and vs spectral gap"; }
    @Override public int work(boolean quick) { return TOPOLOGIES.length * OPTIMIZERS.length; }

    @Override
    public void make(Job job) {
        int steps = 300;
        double[] lrs = Figure.logspace(-3, -0.1, 15);
        Csv csv = new Csv("topology", "spec", "optimizer", "workers", "n_w_0.951", "spectral_gap", "best_learning_rate",
                "distance_to_optimum", "diverged_learning_rates");
        Chart left = new Chart("Heterogeneous quadratics: error after 300 steps at the best lr vs n_W (n = 32)", "n_W(γ = 0.951)",
                "(1/n) Σ ‖x_i − x*‖²").logY();
        Chart right = new Chart("Heterogeneous quadratics: error after 300 steps at the best lr vs spectral gap (n = 32)",
                "spectral gap", "(1/n) Σ ‖x_i − x*‖²").logY();
        Csv summary = new Csv("optimizer", "spearman_error_nw", "spearman_error_gap");
        int color = 0;
        for (String opt : OPTIMIZERS) {
            List<double[]> byNw = new ArrayList<>();
            List<double[]> byGap = new ArrayList<>();
            for (String[] t : TOPOLOGIES) {
                GossipScheme s = job.ctx.topologies().build(t[1], N).scheme();
                double best = Double.NaN, bestLr = Double.NaN;
                int diverged = 0;
                for (double lr : lrs) {
                    double e = stationary(job, s, opt, lr, steps);
                    if (!Double.isFinite(e)) {
                        diverged++;
                    } else if (Double.isNaN(best) || e < best) {
                        best = e;
                        bestLr = lr;
                    }
                }
                double nw = EffectiveNeighbors.of(s).at(0.951, NeighborsMode.MEAN);
                double gap = SpectralGap.of(s);
                csv.add(t[0], t[1], opt, N, nw, gap, bestLr, best, diverged);
                byNw.add(new double[] {nw, best});
                byGap.add(new double[] {gap, best});
                job.progress.advance(1);
            }
            double[] err = byNw.stream().mapToDouble(p -> p[1]).toArray();
            double rhoNw = Spearman.rho(err, byNw.stream().mapToDouble(p -> p[0]).toArray());
            double rhoGap = Spearman.rho(err, byGap.stream().mapToDouble(p -> p[0]).toArray());
            summary.add(opt, rhoNw, rhoGap);
            left.add(String.format(Locale.ROOT, "%s (rho %.2f)", opt, rhoNw), byNw, color, Chart.Style.POINTS);
            right.add(String.format(Locale.ROOT, "%s (rho %.2f)", opt, rhoGap), byGap, color, Chart.Style.POINTS);
            job.report(String.format(Locale.ROOT, "%s: %s: Spearman rho(error, n_W(0.951)) = %.3f, rho(error, spectral gap) = %.3f",
                    name(), opt, rhoNw, rhoGap));
            color++;
        }
        left.note("d = 10, optima b_i ~ N(0, I), gradient noise sigma = 1, " + steps + " steps from x = 0, 15 learning rates");
        right.note("d = 10, optima b_i ~ N(0, I), gradient noise sigma = 1, " + steps + " steps from x = 0, 15 learning rates");
        job.csv(name() + ".csv", csv);
        job.csv(name() + "-summary.csv", summary);
        job.png(name() + "-left.png", left);
        job.png(name() + "-right.png", right);
    }

    /** Mean distance to the optimum over the last tenth of the run (from x = 0); +∞ when it diverges. */
    private static double stationary(Job job, GossipScheme s, String optimizer, double lr, int steps) {
        HeterogeneousQuadraticOracle oracle = new HeterogeneousQuadraticOracle(N, D, 1, 1, job.seed);
        DecentralizedOptimizer opt = job.ctx.optimizers().resolve(optimizer, Map.of("lr", Double.toString(lr))).newRun();
        ArrayWorkerMatrix x = new ArrayWorkerMatrix(N, D);
        double[] losses = new double[N];
        double sum = 0;
        int counted = 0;
        for (int t = 0; t < steps; t++) {
            opt.step(new StepContext(t, 1, s, oracle, losses), x);
            double e = oracle.distanceToOptimum(x);
            if (!(e < 1e6)) {
                return Double.POSITIVE_INFINITY;
            }
            if (t >= steps - steps / 10) {
                sum += e;
                counted++;
            }
        }
        return sum / counted;
    }
}
