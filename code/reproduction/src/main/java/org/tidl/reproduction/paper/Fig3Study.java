package org.tidl.reproduction.paper;

import java.util.ArrayList;
import java.util.List;
import org.tidl.core.linalg.Dense;
import org.tidl.core.theory.LearningRateBound;
import org.tidl.reproduction.LogGrid;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.RunSettings;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;

/**
 * Figure 3: the largest learning rate Theorem 6 (Eq. 25) allows, against n_W(γ), L = 1, ζ = 2000, n = 32.
 * Implemented as printed: ω = 1/n_W(γ), noise term 1/(4[(n_W⁻¹ + ω)ζ + L]), consensus term β(γ)ω/L with β from
 * Eq. 33 — on the lazy W′ = (I+W)/2, because β ≤ 0 for every non-lazy graph here; n_W is that of W′. The
 * published figure was drawn from another version of the theorem and sits about 4× higher; the result keeps the
 * paper's kink beside ours and their ratio instead of rescaling anything.
 */
public final class Fig3Study implements Study<Fig3Study.Config, Fig3Study.Result> {

    /** A curve: label, topology spec, the paper's digitised curve name. */
    public record Curve(String label, String spec, String paperCurve) {

        static Curve of(PaperTopology t, String paperCurve) {
            return new Curve(t.label(), t.spec(), paperCurve);
        }
    }

    /** @param gammas γ = 1 − (the grid); 500 points, 150 in the quick run */
    public record Config(List<Curve> curves, int workers, double zeta, double smoothness, LogGrid gammas) {

        public static Config paper(RunSettings s) {
            return new Config(List.of(Curve.of(PaperTopology.RING, "right_ring"),
                    Curve.of(PaperTopology.TORUS_4X8, "right_torus4x8"), Curve.of(PaperTopology.HYPERCUBE, "right_hypercube")),
                    32, 2000, 1, new LogGrid(0, -5, s.quick() ? 150 : 500));
        }
    }

    /**
     * @param points           Theorem 6 at each γ of the grid
     * @param kink             (n_W, η) where η is largest on the grid
     * @param paperKink        the paper's (n_W, η) with the largest η, null when it has no curve
     * @param noiseAtPaperKink Eq. 25's noise term at the paper's kink n_W (NaN without a paper curve)
     */
    public record CurveResult(Curve curve, List<LearningRateBound.Point> points, double[] kink, double[] paperKink,
                              double noiseAtPaperKink) {

        /** The paper's kink η over ours (NaN without a paper curve). */
        public double paperOverOurs() {
            return paperKink == null ? Double.NaN : paperKink[1] / kink[1];
        }
    }

    /** The paper's digitised curves, for the overlays: its right panel per topology and its left panel's branches. */
    public record Result(Config config, List<CurveResult> curves, List<double[]> paperRingNoise,
                         List<double[]> paperRingConsensus, List<List<double[]>> paperCurves) { }

    @Override
    public long work(Config c, StudyContext ctx) {
        return c.curves().size();
    }

    @Override
    public Result run(Config c, StudyContext ctx) {
        double[] v = c.gammas().values();
        List<CurveResult> out = new ArrayList<>();
        List<List<double[]>> paperCurves = new ArrayList<>();
        for (Curve curve : c.curves()) {
            double[] w = LearningRateBound.lazy(Dense.of(ctx.topologies().build(curve.spec(), c.workers()).scheme().matrix(0)),
                    c.workers());
            LearningRateBound bound = new LearningRateBound(w, c.workers(), c.zeta(), c.smoothness());
            List<LearningRateBound.Point> points = new ArrayList<>();
            double[] kink = {Double.NaN, 0};
            for (double u : v) {
                LearningRateBound.Point p = bound.at(1 - u);
                points.add(p);
                if (p.learningRate() > kink[1]) {
                    kink = new double[] {p.neighbors(), p.learningRate()};
                }
            }
            double[] paperKink = ctx.paper().maxPoint("fig3", curve.paperCurve());
            double noise = paperKink == null ? Double.NaN : LearningRateBound.noiseTerm(paperKink[0], c.zeta(), c.smoothness());
            out.add(new CurveResult(curve, points, kink, paperKink, noise));
            paperCurves.add(ctx.paper().curve("fig3", curve.paperCurve()));
            ctx.progress().accept(1);
        }
        return new Result(c, out, ctx.paper().curve("fig3", "left_ring_noise_branch_full"),
                ctx.paper().curve("fig3", "left_ring_consensus_branch_full"), paperCurves);
    }
}
