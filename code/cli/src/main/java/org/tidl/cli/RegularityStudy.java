package org.tidl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.api.GossipScheme;
import org.tidl.core.io.Csv;
import org.tidl.core.stats.Spearman;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.QuadraticRate;
import org.tidl.core.theory.SpectralGap;

/**
 * The reproduction repo's regular/irregular study: over many random graphs (Erdős–Rényi with p from 0.2 to 1,
 * Barabási–Albert with m from 4 to 20; n = 64), D-SGD's best convergence rate on the isotropic quadratic
 * (ζ = 100; Eq. 7 fixed point with worst-mode n_W, maximised over the learning rate) against n_W(0.951) and
 * against the spectral gap, with Spearman's ρ for both predictors.
 */
final class RegularityStudy implements Figure {

    static final int N = 64;
    static final double ZETA = 100;
    static final double GAMMA = 0.951;

    @Override public String name() { return "study-regularity"; }
    @Override public String description() { return "study: best quadratic rate vs n_W(0.951) and vs spectral gap over Erdos-Renyi and Barabasi-Albert graphs, n = 64"; }

    private static List<String[]> graphs(boolean quick) {
        List<String[]> out = new ArrayList<>();
        int seeds = quick ? 2 : 5;
        for (int k = 0; k <= 8; k++) {
            double p = 0.2 + 0.1 * k;
            for (int s = 1; s <= seeds; s++) {
                out.add(new String[] {"Erdos-Renyi", String.format(Locale.ROOT, "%.1f", p), Integer.toString(s),
                        String.format(Locale.ROOT, "erdos-renyi:p=%.1f,seed=%d", p, s)});
            }
        }
        for (int m = 4; m <= 20; m += 2) {
            for (int s = 1; s <= seeds; s++) {
                out.add(new String[] {"Barabasi-Albert", Integer.toString(m), Integer.toString(s),
                        String.format(Locale.ROOT, "barabasi-albert:m=%d,seed=%d", m, s)});
            }
        }
        return out;
    }

    @Override public int work(boolean quick) { return graphs(quick).size(); }

    @Override
    public void make(Job job) {
        Csv csv = new Csv("family", "parameter", "seed", "spec", "workers", "spectral_gap", "n_w_mean_0.951", "n_w_worst_0.951", "best_rate", "best_lr");
        List<double[]> er = new ArrayList<>();
        List<double[]> ba = new ArrayList<>();
        List<double[]> erGap = new ArrayList<>();
        List<double[]> baGap = new ArrayList<>();
        List<Double> rates = new ArrayList<>(), nws = new ArrayList<>(), worst = new ArrayList<>(), gaps = new ArrayList<>();
        for (String[] g : graphs(job.quick)) {
            GossipScheme s = job.ctx.topologies().build(g[3], N).scheme();
            EffectiveNeighbors nw = EffectiveNeighbors.of(s);
            double[] best = bestRate(nw);
            double n = nw.at(GAMMA, NeighborsMode.MEAN);
            double gap = SpectralGap.of(s);
            double nWorst = nw.at(GAMMA, NeighborsMode.WORST);
            csv.add(g[0], g[1], g[2], g[3], N, gap, n, nWorst, best[0], best[1]);
            worst.add(nWorst);
            (g[0].startsWith("Erdos") ? er : ba).add(new double[] {n, best[0]});
            (g[0].startsWith("Erdos") ? erGap : baGap).add(new double[] {gap, best[0]});
            rates.add(best[0]);
            nws.add(n);
            gaps.add(gap);
            job.progress.advance(1);
        }
        double[] r = rates.stream().mapToDouble(Double::doubleValue).toArray();
        double rhoNw = Spearman.rho(r, nws.stream().mapToDouble(Double::doubleValue).toArray());
        double rhoGap = Spearman.rho(r, gaps.stream().mapToDouble(Double::doubleValue).toArray());
        double rhoWorst = Spearman.rho(r, worst.stream().mapToDouble(Double::doubleValue).toArray());
        job.csv(name() + ".csv", csv);
        Csv summary = new Csv("quantity", "value", "meaning");
        summary.add("spearman_rate_nw", rhoNw, "Spearman rho(best rate, n_W(0.951)) over all graphs");
        summary.add("spearman_rate_nw_worst", rhoWorst, "Spearman rho(best rate, worst-mode n_W(0.951)), the n_W that Eq. 7 uses");
        summary.add("spearman_rate_gap", rhoGap, "Spearman rho(best rate, spectral gap) over all graphs");
        job.csv(name() + "-summary.csv", summary);
        Chart left = new Chart("Best D-SGD rate on the quadratic vs n_W (n = 64, zeta = 100)", "n_W(γ = 0.951)",
                "best convergence rate").note(String.format(Locale.ROOT, "Spearman rho(rate, n_W) = %.3f   (vs spectral gap: %.3f)", rhoNw, rhoGap));
        left.add("Erdos-Renyi, p = 0.2 ... 1", er, 0, Chart.Style.POINTS).add("Barabasi-Albert, m = 4 ... 20", ba, 1, Chart.Style.POINTS);
        Chart right = new Chart("Best D-SGD rate on the quadratic vs spectral gap (n = 64, zeta = 100)", "spectral gap",
                "best convergence rate").note(String.format(Locale.ROOT, "Spearman rho(rate, spectral gap) = %.3f   (vs n_W: %.3f)", rhoGap, rhoNw));
        right.add("Erdos-Renyi, p = 0.2 ... 1", erGap, 0, Chart.Style.POINTS).add("Barabasi-Albert, m = 4 ... 20", baGap, 1, Chart.Style.POINTS);
        job.png(name() + "-left.png", left);
        job.png(name() + "-right.png", right);
        job.report(String.format(Locale.ROOT, "%s: Spearman rho(best rate, n_W(0.951)) = %.3f (worst-mode n_W: %.3f), rho(best rate, spectral gap) = %.3f",
                name(), rhoNw, rhoWorst, rhoGap));
    }

    /** max over lr of the Eq. 7 rate: a grid of 200 log-spaced lrs, then golden section around the best. */
    static double[] bestRate(EffectiveNeighbors nw) {
        java.util.function.DoubleUnaryOperator rate = lr -> {
            double v = QuadraticRate.fixedPoint(g -> nw.at(g, NeighborsMode.WORST), ZETA, lr);
            return Double.isNaN(v) ? 0 : v;
        };
        double[] lrs = Figure.logspace(-4, 0, 200);
        int bi = 0;
        for (int i = 1; i < lrs.length; i++) {
            if (rate.applyAsDouble(lrs[i]) > rate.applyAsDouble(lrs[bi])) {
                bi = i;
            }
        }
        double lr = Math.exp(org.tidl.core.linalg.GoldenSection.minimize(u -> -rate.applyAsDouble(Math.exp(u)),
                Math.log(lrs[Math.max(0, bi - 1)]), Math.log(lrs[Math.min(lrs.length - 1, bi + 1)]), 50));
        return new double[] {rate.applyAsDouble(lr), lr};
    }
}
