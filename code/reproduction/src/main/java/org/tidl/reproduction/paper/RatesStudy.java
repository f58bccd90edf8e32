package org.tidl.reproduction.paper;

import java.util.ArrayList;
import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.QuadraticRate;
import org.tidl.reproduction.LogGrid;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;

/**
 * Convergence rate of D-SGD on the isotropic quadratic against the learning rate (n = 32, ζ = 50, 100 learning
 * rates in [1e-3, 1]): Eq. 7 fixed point (worst-mode n_W) and the exact second-moment ("precise") rate. They
 * agree on regular graphs and differ on irregular ones (star, binary tree).
 */
public final class RatesStudy implements Study<RatesStudy.Config, RatesStudy.Result> {

    public record Config(List<PaperTopology> topologies, int workers, double zeta, LogGrid learningRates) {

        public static Config paper() {
            return new Config(List.of(PaperTopology.RING, PaperTopology.TIME_VARYING_EXPONENTIAL, PaperTopology.STAR,
                    PaperTopology.BINARY_TREE, PaperTopology.FULLY_CONNECTED, PaperTopology.HYPERCUBE), 32, 50,
                    new LogGrid(-3, 0, 100));
        }
    }

    /** Both rates at each learning rate of the grid. */
    public record CurveResult(PaperTopology topology, double[] fixedPoint, double[] precise) { }

    public record Result(Config config, double[] learningRates, List<CurveResult> curves) { }

    @Override
    public long work(Config c, StudyContext ctx) {
        return c.topologies().size();
    }

    @Override
    public Result run(Config c, StudyContext ctx) {
        double[] lrs = c.learningRates().values();
        List<CurveResult> out = new ArrayList<>();
        for (PaperTopology t : c.topologies()) {
            GossipScheme scheme = ctx.topologies().build(t.spec(), c.workers()).scheme();
            EffectiveNeighbors nw = EffectiveNeighbors.of(scheme);
            double[] fixed = new double[lrs.length];
            double[] precise = new double[lrs.length];
            for (int k = 0; k < lrs.length; k++) {
                fixed[k] = QuadraticRate.fixedPoint(g -> nw.at(g, NeighborsMode.WORST), c.zeta(), lrs[k]);
                precise[k] = QuadraticRate.precise(scheme, c.zeta(), lrs[k]);
            }
            out.add(new CurveResult(t, fixed, precise));
            ctx.progress().accept(1);
        }
        return new Result(c, lrs, out);
    }
}
