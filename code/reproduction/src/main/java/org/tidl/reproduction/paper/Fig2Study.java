package org.tidl.reproduction.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.reproduction.LogGrid;
import org.tidl.reproduction.PaperData;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;

/**
 * Figure 2: effective number of neighbours n_W(γ) (mean mode, Definition 1 / Eq. 6) against γ for n = 32, with
 * the paper's digitised curves interpolated at the same γ. Torus (4x8) and hypercube are extra curves.
 */
public final class Fig2Study implements Study<Fig2Study.Config, Fig2Study.Result> {

    /** A curve: label, topology spec, the paper's digitised curve name (null: the paper has none). */
    public record Curve(String label, String spec, String paperCurve) {

        static Curve of(PaperTopology t, String label, boolean digitised) {
            return new Curve(label, t.spec(), digitised ? t.label() : null);
        }
    }

    /**
     * @param gammas γ = 1 − (the grid), plus {@code quoted}, the values the paper quotes
     */
    public record Config(List<Curve> curves, int workers, LogGrid gammas, List<Double> quoted) {

        public static Config paper() {
            return new Config(List.of(
                    Curve.of(PaperTopology.FULLY_CONNECTED, PaperTopology.FULLY_CONNECTED.label(), false),
                    Curve.of(PaperTopology.TWO_CLIQUES, PaperTopology.TWO_CLIQUES.label(), true),
                    Curve.of(PaperTopology.TIME_VARYING_EXPONENTIAL, PaperTopology.TIME_VARYING_EXPONENTIAL.label(), true),
                    Curve.of(PaperTopology.RING, PaperTopology.RING.label(), true),
                    Curve.of(PaperTopology.SOLO, PaperTopology.ALONE, false),
                    Curve.of(PaperTopology.TORUS_4X8, PaperTopology.TORUS_4X8.label(), false),
                    Curve.of(PaperTopology.HYPERCUBE, PaperTopology.HYPERCUBE.label(), false)),
                    32, new LogGrid(0, -4, 100), List.of(0.5, 0.9, 0.951, 0.99, 0.999, 0.9999));
        }

        /** The γ values, ascending, without repeats. */
        public double[] gammaValues() {
            TreeSet<Double> g = new TreeSet<>();
            for (double v : gammas.values()) {
                g.add(1 - v);
            }
            g.addAll(quoted);
            return g.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /**
     * @param neighbors  n_W(γ) at each γ
     * @param paper      the paper's n_W interpolated at each γ (NaN where it has no points near)
     * @param paperCurve the paper's digitised points (γ, n_W); empty when it has none
     */
    public record CurveResult(Curve curve, double[] neighbors, double[] paper, List<double[]> paperCurve) { }

    public record Result(Config config, double[] gammas, List<CurveResult> curves) { }

    @Override
    public long work(Config c, StudyContext ctx) {
        return c.curves().size();
    }

    @Override
    public Result run(Config c, StudyContext ctx) {
        double[] gammas = c.gammaValues();
        List<CurveResult> out = new ArrayList<>();
        for (Curve curve : c.curves()) {
            EffectiveNeighbors nw = EffectiveNeighbors.of(ctx.topologies().build(curve.spec(), c.workers()).scheme());
            double[] y = new double[gammas.length];
            double[] paper = new double[gammas.length];
            for (int i = 0; i < gammas.length; i++) {
                y[i] = nw.at(gammas[i], NeighborsMode.MEAN);
                paper[i] = curve.paperCurve() == null ? Double.NaN : paperAt(ctx.paper(), curve.paperCurve(), gammas[i]);
            }
            out.add(new CurveResult(curve, y, paper,
                    curve.paperCurve() == null ? List.of() : ctx.paper().curve("fig2", curve.paperCurve())));
            ctx.progress().accept(1);
        }
        return new Result(c, gammas, out);
    }

    /** The digitised n_W at γ, linearly interpolated in −log10(1−γ) between the two nearest points. */
    static double paperAt(PaperData paper, String curve, double gamma) {
        double x = -Math.log10(1 - gamma);
        double[] below = null;
        double[] above = null;
        for (double[] p : paper.curve("fig2", curve)) {
            double px = -Math.log10(1 - p[0]);
            if (px <= x && (below == null || px > below[0])) {
                below = new double[] {px, p[1]};
            }
            if (px >= x && (above == null || px < above[0])) {
                above = new double[] {px, p[1]};
            }
        }
        if (below == null || above == null || above[0] - below[0] > 0.2) {
            return Double.NaN;
        }
        if (above[0] == below[0]) {
            return below[1];
        }
        return below[1] + (above[1] - below[1]) * (x - below[0]) / (above[0] - below[0]);
    }
}
