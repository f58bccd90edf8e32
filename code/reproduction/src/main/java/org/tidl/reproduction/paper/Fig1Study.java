package org.tidl.reproduction.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.tidl.api.GossipScheme;
import org.tidl.api.SpectralSymbol;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.PluginSpec;
import org.tidl.core.quadratic.QuadraticSummary;
import org.tidl.core.quadratic.QuadraticSweep;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.IsotropicQuadratic;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.QuadraticRate;
import org.tidl.core.theory.SecondMoments;
import org.tidl.core.theory.SpectralGap;
import org.tidl.reproduction.LogGrid;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.RunSettings;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;

/**
 * Figure 1: steps until mean_i ‖x_i‖² &lt; 0.01·‖x_0‖² against the learning rate, D-SGD (adapt-then-combine, the
 * paper's code) on the isotropic quadratic with ζ = 51 (d = 49, b = 1), n = 32, lr grid logspace(−4, 0, 200).
 * Per curve: Eq. 7 (fixed point, worst-mode n_W), steps = ln 0.01 / ln(1−r); the exact-second-moment rate
 * ("precise"); the exact expected time to target including the transient from identical starts; the simulation
 * (median over seeds) on the plotted range; the paper's digitised curve.
 */
public final class Fig1Study implements Study<Fig1Study.Config, Fig1Study.Result> {

    /** Left: alone, 32-ring, fully connected. Right: rings of 1, 2, 4, 8 workers and the infinite ring. */
    public enum Panel { LEFT, RIGHT }

    /** A curve: label, topology spec and n (0 = the infinite graph), the paper's digitised curve name. */
    public record Curve(String label, String spec, int workers, String paperCurve) { }

    /**
     * @param simulationStride every k-th grid point from {@code plottedFrom} up is simulated
     * @param seeds            simulation runs per point, seeded root seed + s
     */
    public record Config(Panel panel, List<Curve> curves, double zeta, int dim, double target, LogGrid learningRates,
                         double plottedFrom, int simulationStride, int seeds, long seed, int threads) {

        /** The paper's figure (the quick run simulates every 10th point with 3 seeds instead of every 4th with 10). */
        public static Config paper(Panel panel, RunSettings s) {
            List<Curve> curves = panel == Panel.LEFT
                    ? List.of(new Curve(PaperTopology.ALONE, PaperTopology.SOLO.spec(), 32, "left_alone"),
                            new Curve(PaperTopology.RING.label(), PaperTopology.RING.spec(), 32, "left_ring32"),
                            new Curve(PaperTopology.FULLY_CONNECTED.label(), PaperTopology.FULLY_CONNECTED.spec(), 32,
                                    "left_fully_connected32"))
                    : List.of(new Curve("1-ring", "ring", 1, "right_1ring"), new Curve("2-ring", "ring", 2, "right_2ring"),
                            new Curve("4-ring", "ring", 4, "right_4ring"), new Curve("8-ring", "ring", 8, "right_8ring"),
                            new Curve("inf-ring", "ring", 0, "right_inf_ring"));
            return new Config(panel, curves, 51, 49, 0.01, new LogGrid(-4, 0, 200), 1e-3, s.quick() ? 10 : 4,
                    s.quick() ? 3 : 10, s.seed(), s.threads());
        }

        /** Index of the first grid point at or above {@link #plottedFrom}. */
        int firstPlotted(double[] lrs) {
            int first = 0;
            while (lrs[first] < plottedFrom) {
                first++;
            }
            return first;
        }

        int simulatedCount() {
            double[] lrs = learningRates.values();
            return (lrs.length - firstPlotted(lrs) + simulationStride - 1) / simulationStride;
        }
    }

    /**
     * One curve's numbers at every grid point (NaN where a quantity does not exist: no finite scheme for the
     * infinite ring, a rate outside (0, 1), a point not simulated).
     *
     * @param simulated   the simulation summary at each grid point, null where not simulated
     * @param paperSteps  the paper's digitised steps at each grid point (NaN where it has no point within 0.5%)
     * @param paperCurve  the paper's digitised curve (empty when unknown)
     */
    public record CurveResult(Curve curve, double spectralGap, double[] theorySteps, double[] preciseSteps,
                              double[] expectedSteps, QuadraticSummary[] simulated, double[] paperSteps,
                              List<double[]> paperCurve) { }

    public record Result(Config config, double[] learningRates, List<CurveResult> curves) { }

    @Override
    public long work(Config c, StudyContext ctx) {
        return (long) c.curves().size() * (c.learningRates().points() + c.simulatedCount());
    }

    @Override
    public Result run(Config c, StudyContext ctx) {
        double[] lrs = c.learningRates().values();
        OptimizerRegistry optimizers = OptimizerRegistry.builtIn();
        List<CurveResult> out = new ArrayList<>();
        for (Curve curve : c.curves()) {
            double[] theory = new double[lrs.length];
            double[] precise = new double[lrs.length];
            double[] expected = new double[lrs.length];
            GossipScheme scheme = null;
            DoubleUnaryOperator nw;
            double gap;
            if (curve.workers() == 0) {
                SpectralSymbol symbol = ctx.topologies().infinite(PluginSpec.parse(curve.spec()));
                nw = g -> EffectiveNeighbors.infinite(symbol, g);
                gap = 0;
            } else {
                scheme = ctx.topologies().build(curve.spec(), curve.workers()).scheme();
                EffectiveNeighbors e = EffectiveNeighbors.of(scheme);
                nw = g -> e.at(g, NeighborsMode.WORST);
                gap = SpectralGap.of(scheme);
            }
            for (int k = 0; k < lrs.length; k++) {
                theory[k] = steps(QuadraticRate.fixedPoint(nw, c.zeta(), lrs[k]), c.target());
                if (scheme != null) {
                    precise[k] = steps(SecondMoments.rate(scheme, c.zeta(), lrs[k], SecondMoments.Order.ADAPT_THEN_COMBINE),
                            c.target());
                    // the exact expected time (with transient) on the plotted range, where it is cheap
                    expected[k] = Double.isNaN(precise[k]) || lrs[k] < c.plottedFrom() ? Double.NaN
                            : SecondMoments.stepsToTarget(scheme, c.zeta(), lrs[k], SecondMoments.Order.ADAPT_THEN_COMBINE,
                                    c.target(), (int) Math.min(60_000, 3 * precise[k] + 50));
                } else {
                    precise[k] = Double.NaN;
                    expected[k] = Double.NaN;
                }
                ctx.progress().accept(1);
            }
            // simulation on the plotted range
            List<Integer> simulatedAt = new ArrayList<>();
            List<QuadraticSweep.Cell> cells = new ArrayList<>();
            if (scheme != null) {
                for (int k = c.firstPlotted(lrs); k < lrs.length; k += c.simulationStride()) {
                    double budget = Double.isNaN(precise[k]) ? 3000 : Math.min(60_000, 3 * precise[k] + 100);
                    OptimizerRegistry.Optimizer o = optimizers.resolve("dsgd-atc", Map.of("lr", Double.toString(lrs[k])));
                    cells.add(new QuadraticSweep.Cell(scheme, o, c.dim(), 1, (int) budget, c.target()));
                    simulatedAt.add(k);
                }
            }
            List<QuadraticSummary> sims = QuadraticSweep.run(cells, c.seeds(), c.seed(), c.threads(), ctx.progress()::accept);
            QuadraticSummary[] byIndex = new QuadraticSummary[lrs.length];
            for (int i = 0; i < simulatedAt.size(); i++) {
                byIndex[simulatedAt.get(i)] = sims.get(i);
            }
            if (scheme == null) {
                ctx.progress().accept(c.simulatedCount());
            }
            double[] paper = new double[lrs.length];
            for (int k = 0; k < lrs.length; k++) {
                paper[k] = ctx.paper().yNear("fig1", curve.paperCurve(), lrs[k], 0.005);
            }
            out.add(new CurveResult(curve, gap, theory, precise, expected, byIndex, paper,
                    ctx.paper().curve("fig1", curve.paperCurve())));
        }
        return new Result(c, lrs, out);
    }

    /** Steps to the target at rate r (Eq. 7's r), NaN outside (0, 1). */
    static double steps(double rate, double target) {
        return rate > 0 && rate < 1 ? IsotropicQuadratic.stepsToTarget(rate, target) : Double.NaN;
    }
}
