package org.tidl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.tidl.api.GossipScheme;
import org.tidl.api.SpectralSymbol;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.PluginSpec;
import org.tidl.core.io.Csv;
import org.tidl.core.quadratic.QuadraticSummary;
import org.tidl.core.quadratic.QuadraticSweep;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.IsotropicQuadratic;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.QuadraticRate;
import org.tidl.core.theory.SecondMoments;
import org.tidl.core.theory.SpectralGap;

/**
 * Figure 1: steps until mean_i ‖x_i‖² < 0.01·‖x_0‖² against the learning rate, D-SGD (adapt-then-combine, the
 * paper's code) on the isotropic quadratic with ζ = 51 (d = 49, b = 1), n = 32, lr grid logspace(−4, 0, 200).
 * Lines: Eq. 7 (fixed point, worst-mode n_W), steps = ln 0.01 / ln(1−r). Points: simulation (median over
 * seeds). Dashed: the paper's digitised curves. The CSV also has the exact-second-moment rate ("precise") and
 * the exact expected time to target including the transient from identical starts.
 */
final class Fig1 implements Figure {

    static final double ZETA = 51;
    static final int DIM = 49;
    static final double TARGET = 0.01;

    private final boolean left;

    Fig1(boolean left) {
        this.left = left;
    }

    @Override public String name() { return left ? "fig1-left" : "fig1-right"; }

    @Override public String description() {
        return left ? "Fig. 1 left: time to target vs learning rate, alone / 32-ring / fully connected (zeta = 51)"
                : "Fig. 1 right: time to target vs learning rate for rings of 1, 2, 4, 8 workers and the infinite ring";
    }

    /** A curve: label, topology spec and n (0 = the infinite graph), the paper's digitised curve name. */
    private record Curve(String label, String spec, int workers, String paperCurve) { }

    private List<Curve> curves() {
        if (left) {
            return List.of(new Curve("Alone", "solo", 32, "left_alone"),
                    new Curve("Ring", "ring", 32, "left_ring32"),
                    new Curve("Fully connected", "fully-connected", 32, "left_fully_connected32"));
        }
        return List.of(new Curve("1-ring", "ring", 1, "right_1ring"), new Curve("2-ring", "ring", 2, "right_2ring"),
                new Curve("4-ring", "ring", 4, "right_4ring"), new Curve("8-ring", "ring", 8, "right_8ring"),
                new Curve("inf-ring", "ring", 0, "right_inf_ring"));
    }

    static double[] grid() {
        return Figure.logspace(-4, 0, 200);
    }

    /** Every k-th grid point from 1e-3 up (the plotted range) is simulated. */
    private static int simulationStride(boolean quick) {
        return quick ? 10 : 4;
    }

    private static int seeds(boolean quick) {
        return quick ? 3 : 10;
    }

    /** Index of the first grid point at or above 1e-3. */
    private static int firstPlotted(double[] lrs) {
        int first = 0;
        while (lrs[first] < 1e-3) {
            first++;
        }
        return first;
    }

    private static int simulatedCount(boolean quick) {
        double[] lrs = grid();
        int stride = simulationStride(quick);
        return (lrs.length - firstPlotted(lrs) + stride - 1) / stride;
    }

    @Override
    public int work(boolean quick) {
        return curves().size() * (200 + simulatedCount(quick));
    }

    @Override
    public void make(Job job) {
        double[] lrs = grid();
        List<Curve> curves = curves();
        Csv csv = new Csv("curve", "topology", "workers", "spectral_gap", "zeta", "lr", "theory_steps",
                "precise_steps", "expected_steps_with_transient", "simulated_steps", "simulated_seeds_reached", "seeds",
                "simulated_rate", "simulated_rate_se", "paper_steps");
        Chart chart = new Chart(left ? "Time to target, D-SGD on the isotropic quadratic (n = 32, zeta = 51)"
                : "Time to target for rings of increasing size (zeta = 51)",
                "Learning rate", "Steps until loss < 0.01")
                .logX().logY().xRange(1e-3, 1).yRange(5, 5000);
        OptimizerRegistry optimizers = OptimizerRegistry.builtIn();
        int color = 0;
        for (Curve c : curves) {
            double[] theory = new double[lrs.length];
            double[] precise = new double[lrs.length];
            double[] expected = new double[lrs.length];
            GossipScheme scheme = null;
            DoubleUnaryOperator nw;
            double gap;
            if (c.workers() == 0) {
                SpectralSymbol symbol = job.ctx.topologies().infinite(PluginSpec.parse(c.spec()));
                nw = g -> EffectiveNeighbors.infinite(symbol, g);
                gap = 0;
            } else {
                scheme = job.ctx.topologies().build(c.spec(), c.workers()).scheme();
                EffectiveNeighbors e = EffectiveNeighbors.of(scheme);
                nw = g -> e.at(g, NeighborsMode.WORST);
                gap = SpectralGap.of(scheme);
            }
            for (int k = 0; k < lrs.length; k++) {
                theory[k] = steps(QuadraticRate.fixedPoint(nw, ZETA, lrs[k]));
                if (scheme != null) {
                    precise[k] = steps(SecondMoments.rate(scheme, ZETA, lrs[k], SecondMoments.Order.ADAPT_THEN_COMBINE));
                    // the exact expected time (with transient) on the plotted range, where it is cheap
                    expected[k] = Double.isNaN(precise[k]) || lrs[k] < 1e-3 ? Double.NaN
                            : SecondMoments.stepsToTarget(scheme, ZETA, lrs[k], SecondMoments.Order.ADAPT_THEN_COMBINE,
                                    TARGET, (int) Math.min(60_000, 3 * precise[k] + 50));
                } else {
                    precise[k] = Double.NaN;
                    expected[k] = Double.NaN;
                }
                job.progress.advance(1);
            }
            // simulation on the plotted range
            List<Integer> simulatedAt = new ArrayList<>();
            List<QuadraticSweep.Cell> cells = new ArrayList<>();
            int stride = simulationStride(job.quick);
            int first = firstPlotted(lrs);
            if (scheme != null) {
                for (int k = first; k < lrs.length; k += stride) {
                    double budget = Double.isNaN(precise[k]) ? 3000 : Math.min(60_000, 3 * precise[k] + 100);
                    OptimizerRegistry.Optimizer o = optimizers.resolve("dsgd-atc", Map.of("lr", Double.toString(lrs[k])));
                    cells.add(new QuadraticSweep.Cell(scheme, o, DIM, 1, (int) budget, TARGET));
                    simulatedAt.add(k);
                }
            }
            List<QuadraticSummary> sims = QuadraticSweep.run(cells, seeds(job.quick), job.seed, job.threads,
                    job.progress::advance);
            QuadraticSummary[] byIndex = new QuadraticSummary[lrs.length];
            for (int i = 0; i < simulatedAt.size(); i++) {
                byIndex[simulatedAt.get(i)] = sims.get(i);
            }
            if (scheme == null) {
                job.progress.advance(simulatedCount(job.quick));
            }
            String label = left ? c.label() : c.label() + " (spectral gap " + gapLabel(gap) + ")";
            List<double[]> simPoints = new ArrayList<>();
            for (int k = 0; k < lrs.length; k++) {
                QuadraticSummary s = byIndex[k];
                double paper = job.paper.yNear("fig1", c.paperCurve(), lrs[k], 0.005);
                csv.add(label, c.spec(), c.workers() == 0 ? "inf" : c.workers(), gap, ZETA, lrs[k], theory[k], precise[k],
                        expected[k], s == null ? null : s.stepsToTarget(), s == null ? null : s.seedsReached(),
                        s == null ? null : s.seeds(), s == null ? null : s.measuredRate(),
                        s == null ? null : s.measuredRateError(), paper);
                if (s != null && !Double.isNaN(s.stepsToTarget())) {
                    simPoints.add(new double[] {lrs[k], s.stepsToTarget()});
                }
            }
            chart.add(label + ", Eq. 7", lrs, theory, color, Chart.Style.SOLID);
            if (!simPoints.isEmpty()) {
                chart.add(label + ", simulated (median of " + seeds(job.quick) + ")", simPoints, color, Chart.Style.POINTS);
            }
            List<double[]> paperCurve = job.paper.curve("fig1", c.paperCurve());
            if (!paperCurve.isEmpty()) {
                chart.add(label + ", paper (digitised)", paperCurve, color, Chart.Style.DASHED);
            }
            int best = argmin(theory);
            job.report(String.format(Locale.ROOT, "%s %-26s Eq. 7 optimum %.2f steps at lr %.4f%s", name(), label, theory[best],
                    lrs[best], paperCurve.isEmpty() ? "" : String.format(Locale.ROOT, "; paper %.2f at %.4f",
                            minY(paperCurve)[1], minY(paperCurve)[0])));
            color++;
        }
        if (left) {
            chart.note("Lines: Eq. 7. Points: simulation. Dashed: the paper. The paper's ring curve (39.8 steps at 0.075)"
                    + " is not Eq. 7 (34.8 at 0.090); see docs/theory.md.");
        } else {
            chart.note("Lines: Eq. 7 (infinite ring: Eq. 8 spectral integral). Points: simulation. Dashed: the paper.");
        }
        job.csv(name() + ".csv", csv);
        job.png(name() + ".png", chart);
    }

    static double steps(double rate) {
        return rate > 0 && rate < 1 ? IsotropicQuadratic.stepsToTarget(rate, TARGET) : Double.NaN;
    }

    static int argmin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && (Double.isNaN(v[best]) || v[i] < v[best])) {
                best = i;
            }
        }
        return best;
    }

    static double[] minY(List<double[]> pts) {
        double[] best = pts.get(0);
        for (double[] p : pts) {
            if (p[1] < best[1]) {
                best = p;
            }
        }
        return best;
    }

    static String gapLabel(double gap) {
        if (gap >= 1 - 1e-12) {
            return "1";
        }
        if (gap == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.2f", gap);
    }
}
