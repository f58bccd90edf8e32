package org.tidl.cli;

import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.core.io.Csv;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.QuadraticRate;

/**
 * Convergence rate of D-SGD on the isotropic quadratic against the learning rate (n = 32, ζ = 50, 100
 * learning rates in [1e-3, 1]): Eq. 7 fixed point (worst-mode n_W) and the exact second-moment ("precise")
 * rate. They agree on regular graphs and differ on irregular ones (star, binary tree).
 */
final class RatesFigure implements Figure {

    static final double ZETA = 50;

    private record Curve(String label, String spec) { }

    static final List<Curve> CURVES = List.of(new Curve("Ring", "ring"),
            new Curve("Time-varying exponential", "time-varying-exponential"), new Curve("Star", "star"),
            new Curve("Binary tree", "binary-tree"), new Curve("Fully connected", "fully-connected"),
            new Curve("Hypercube", "hypercube"));

    @Override public String name() { return "rates"; }
    @Override public String description() { return "convergence rate vs learning rate, Eq. 7 fixed point and precise, n = 32, zeta = 50"; }
    @Override public int work(boolean quick) { return CURVES.size(); }

    @Override
    public void make(Job job) {
        double[] lrs = Figure.logspace(-3, 0, 100);
        Csv csv = new Csv("topology", "spec", "workers", "zeta", "lr", "fixed_point_rate", "precise_rate");
        Chart chart = new Chart("D-SGD rate on the isotropic quadratic (n = 32, zeta = 50)", "Learning rate",
                "Convergence rate r (loss shrinks by 1 - r per step)").logX().logY().xRange(1e-3, 1).yRange(1e-3, 1);
        int color = 0;
        for (Curve c : CURVES) {
            GossipScheme scheme = job.ctx.topologies().build(c.spec(), 32).scheme();
            EffectiveNeighbors nw = EffectiveNeighbors.of(scheme);
            double[] fixed = new double[lrs.length];
            double[] precise = new double[lrs.length];
            for (int k = 0; k < lrs.length; k++) {
                fixed[k] = QuadraticRate.fixedPoint(g -> nw.at(g, NeighborsMode.WORST), ZETA, lrs[k]);
                precise[k] = QuadraticRate.precise(scheme, ZETA, lrs[k]);
                csv.add(c.label(), c.spec(), 32, ZETA, lrs[k], fixed[k], precise[k]);
            }
            chart.add(c.label() + ", Eq. 7 fixed point", lrs, fixed, color, Chart.Style.SOLID);
            chart.add(c.label() + ", precise", lrs, precise, color, Chart.Style.DOTTED);
            color++;
            job.progress.advance(1);
        }
        chart.note("Solid: Eq. 7 with worst-mode n_W. Dotted: exact second moments (power iteration).");
        job.csv("rates.csv", csv);
        job.png("rates.png", chart);
    }
}
