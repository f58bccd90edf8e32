package org.tidl.reproduction.beyond;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * noise σ = 1): for each topology and optimizer, the {@link StationaryError} after 300 steps at the best learning
 * rate, against n_W(0.951) and against the spectral gap, with Spearman's ρ per optimizer. The best learning rate is
 * searched on a log grid of 15 points in [1e-3, 0.79], widened by the grid's own step while the best is at an end
 * of it (at most {@link Config#widenBy} points each way), so that the optimum is bracketed: alone, a worker's best
 * is to stay near x = 0 (x* = mean b_i is close to 0), a learning rate far below the grid.
 */
public final class TrackingStudy implements Study<TrackingStudy.Config, TrackingStudy.Result> {

    /**
     * @param learningRates the grid searched first
     * @param widenBy       at most this many more points (the grid's step) below its lowest and above its highest
     *                      learning rate, tried one at a time while the best is at that end
     */
    public record Config(List<PaperTopology> topologies, List<String> optimizers, StationaryError.Problem problem,
                         int steps, LogGrid learningRates, int widenBy, double gamma) {

        public static Config paper(RunSettings s) {
            return new Config(List.of(PaperTopology.SOLO, PaperTopology.STAR, PaperTopology.BINARY_TREE, PaperTopology.RING,
                    PaperTopology.TIME_VARYING_EXPONENTIAL, PaperTopology.SOCIAL_NETWORK, PaperTopology.TWO_CLIQUES,
                    PaperTopology.TORUS_4X8, PaperTopology.HYPERCUBE, PaperTopology.FULLY_CONNECTED),
                    List.of("dsgd", "gradient-tracking"), new StationaryError.Problem(32, 10, 1, 1, s.seed()), 300,
                    new LogGrid(-3, -0.1, 15), 20, 0.951);
        }
    }

    /**
     * One optimizer on one topology at its best learning rate.
     *
     * @param bestLearningRate NaN when every learning rate diverged
     * @param error            the stationary error there (NaN when every one diverged)
     * @param diverged         how many of the learning rates diverged
     * @param lowest           the lowest learning rate tried (below the grid where it was widened)
     * @param highest          the highest learning rate tried
     * @param bracketed        whether the best has a tried learning rate on each side (false: the optimum may lie
     *                         beyond the widened grid)
     */
    public record Cell(String optimizer, PaperTopology topology, double neighbors, double spectralGap,
                       double bestLearningRate, double error, int diverged, double lowest, double highest,
                       boolean bracketed) { }

    /** Spearman's ρ of one optimizer's error against n_W(γ) and against the spectral gap over the topologies. */
    public record Correlation(String optimizer, double rhoNeighbors, double rhoGap) { }

    public record Result(Config config, List<Cell> cells, List<Correlation> correlations) { }

    @Override
    public long work(Config c, StudyContext ctx) {
        return (long) c.topologies().size() * c.optimizers().size();
    }

    @Override
    public Result run(Config c, StudyContext ctx) {
        int n = c.problem().workers();
        List<Cell> cells = new ArrayList<>();
        List<Correlation> correlations = new ArrayList<>();
        for (String opt : c.optimizers()) {
            List<Cell> mine = new ArrayList<>();
            for (PaperTopology t : c.topologies()) {
                GossipScheme s = ctx.topologies().build(t.spec(), n).scheme();
                mine.add(search(c, ctx, opt, t, s));
                ctx.progress().accept(1);
            }
            double[] err = mine.stream().mapToDouble(Cell::error).toArray();
            correlations.add(new Correlation(opt, Spearman.rho(err, mine.stream().mapToDouble(Cell::neighbors).toArray()),
                    Spearman.rho(err, mine.stream().mapToDouble(Cell::spectralGap).toArray())));
            cells.addAll(mine);
        }
        return new Result(c, cells, correlations);
    }

    /** The best learning rate of one optimizer on one topology: the grid, widened while the best is at an end. */
    private static Cell search(Config c, StudyContext ctx, String opt, PaperTopology t, GossipScheme s) {
        LogGrid g = c.learningRates();
        // grid point k (k < 0: below the grid, k >= points: above), 10^(from + k·step) as LogGrid computes its own
        java.util.function.IntToDoubleFunction lr = k -> Math.pow(10, g.from() + (g.to() - g.from()) * k / (g.points() - 1));
        TreeMap<Integer, Double> errors = new TreeMap<>();
        java.util.function.IntConsumer run = k -> errors.put(k, StationaryError.of(s,
                ctx.optimizers().resolve(opt, Map.of("lr", Double.toString(lr.applyAsDouble(k)))), c.problem(), c.steps()));
        for (int k = 0; k < g.points(); k++) {
            run.accept(k);
        }
        while (true) {
            int best = best(errors);
            if (best == errors.firstKey() && best > -c.widenBy() && Double.isFinite(errors.get(best))) {
                run.accept(best - 1);
            } else if (best == errors.lastKey() && best < g.points() - 1 + c.widenBy() && Double.isFinite(errors.get(best))) {
                run.accept(best + 1);
            } else {
                break;
            }
        }
        int best = best(errors);
        double error = errors.get(best);
        int diverged = (int) errors.values().stream().filter(e -> !Double.isFinite(e)).count();
        boolean finite = Double.isFinite(error);
        boolean bracketed = finite && best != errors.firstKey() && best != errors.lastKey();
        return new Cell(opt, t, EffectiveNeighbors.of(s).at(c.gamma(), NeighborsMode.MEAN), SpectralGap.of(s),
                finite ? lr.applyAsDouble(best) : Double.NaN, finite ? error : Double.NaN, diverged,
                lr.applyAsDouble(errors.firstKey()), lr.applyAsDouble(errors.lastKey()), bracketed);
    }

    /** The grid index with the lowest finite error (the lowest index on ties; the first when none is finite). */
    private static int best(TreeMap<Integer, Double> errors) {
        int best = errors.firstKey();
        for (Map.Entry<Integer, Double> e : errors.entrySet()) {
            if (Double.isFinite(e.getValue()) && (!Double.isFinite(errors.get(best)) || e.getValue() < errors.get(best))) {
                best = e.getKey();
            }
        }
        return best;
    }
}
