package org.tidl.reproduction.beyond;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tidl.api.GossipScheme;
import org.tidl.core.stats.Spearman;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.SpectralGap;
import org.tidl.reproduction.LogGrid;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.RunSettings;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;

/**
 * D-SGD against gradient tracking on heterogeneous quadratics (n = 32, d = 10, optima b_i ~ N(0, I), gradient
 * noise σ = 1): for each topology and optimizer, the {@link StationaryError} after 300 steps at the best of 15
 * learning rates, against n_W(0.951) and against the spectral gap, with Spearman's ρ per optimizer.
 */
public final class TrackingStudy implements Study<TrackingStudy.Config, TrackingStudy.Result> {

    public record Config(List<PaperTopology> topologies, List<String> optimizers, StationaryError.Problem problem,
                         int steps, LogGrid learningRates, double gamma) {

        public static Config paper(RunSettings s) {
            return new Config(List.of(PaperTopology.SOLO, PaperTopology.STAR, PaperTopology.BINARY_TREE, PaperTopology.RING,
                    PaperTopology.TIME_VARYING_EXPONENTIAL, PaperTopology.SOCIAL_NETWORK, PaperTopology.TWO_CLIQUES,
                    PaperTopology.TORUS_4X8, PaperTopology.HYPERCUBE, PaperTopology.FULLY_CONNECTED),
                    List.of("dsgd", "gradient-tracking"), new StationaryError.Problem(32, 10, 1, 1, s.seed()), 300,
                    new LogGrid(-3, -0.1, 15), 0.951);
        }
    }

    /**
     * One optimizer on one topology at its best learning rate.
     *
     * @param bestLearningRate NaN when every learning rate diverged
     * @param error            the stationary error there (NaN when every one diverged)
     * @param diverged         how many of the learning rates diverged
     */
    public record Cell(String optimizer, PaperTopology topology, double neighbors, double spectralGap,
                       double bestLearningRate, double error, int diverged) { }

    /** Spearman's ρ of one optimizer's error against n_W(γ) and against the spectral gap over the topologies. */
    public record Correlation(String optimizer, double rhoNeighbors, double rhoGap) { }

    public record Result(Config config, List<Cell> cells, List<Correlation> correlations) { }

    @Override
    public long work(Config c, StudyContext ctx) {
        return (long) c.topologies().size() * c.optimizers().size();
    }

    @Override
    public Result run(Config c, StudyContext ctx) {
        double[] lrs = c.learningRates().values();
        int n = c.problem().workers();
        List<Cell> cells = new ArrayList<>();
        List<Correlation> correlations = new ArrayList<>();
        for (String opt : c.optimizers()) {
            List<Cell> mine = new ArrayList<>();
            for (PaperTopology t : c.topologies()) {
                GossipScheme s = ctx.topologies().build(t.spec(), n).scheme();
                double best = Double.NaN;
                double bestLr = Double.NaN;
                int diverged = 0;
                for (double lr : lrs) {
                    double e = StationaryError.of(s,
                            ctx.optimizers().resolve(opt, Map.of("lr", Double.toString(lr))), c.problem(), c.steps());
                    if (!Double.isFinite(e)) {
                        diverged++;
                    } else if (Double.isNaN(best) || e < best) {
                        best = e;
                        bestLr = lr;
                    }
                }
                mine.add(new Cell(opt, t, EffectiveNeighbors.of(s).at(c.gamma(), NeighborsMode.MEAN), SpectralGap.of(s),
                        bestLr, best, diverged));
                ctx.progress().accept(1);
            }
            double[] err = mine.stream().mapToDouble(Cell::error).toArray();
            correlations.add(new Correlation(opt, Spearman.rho(err, mine.stream().mapToDouble(Cell::neighbors).toArray()),
                    Spearman.rho(err, mine.stream().mapToDouble(Cell::spectralGap).toArray())));
            cells.addAll(mine);
        }
        return new Result(c, cells, correlations);
    }
}
