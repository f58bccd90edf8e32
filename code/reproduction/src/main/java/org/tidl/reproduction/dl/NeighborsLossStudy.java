package org.tidl.reproduction.dl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.tidl.api.GossipScheme;
import org.tidl.core.stats.Spearman;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.SpectralGap;
import org.tidl.reproduction.Dataset;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.RunSettings;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;

/**
 * Fig. 6: training loss at each topology's best learning rate against n_W(γ = 0.951) and against the spectral gap,
 * with Spearman's ρ for both; fully-connected graphs of several sizes (the scaling experiment) as extra points.
 * γ = 0.951 is the paper's value, fitted on CIFAR-10; the paper gives none for Fashion-MNIST, so the Fashion
 * figure uses the same γ (no tuning here). The findings are the quantities the paper's claims are about.
 */
public final class NeighborsLossStudy implements Study<NeighborsLossStudy.Config, NeighborsLossStudy.Result> {

    public record Config(Dataset dataset, String gridExperiment, String scalingExperiment, boolean quick, double gamma) {

        public static Config of(Dataset dataset, RunSettings s) {
            return new Config(dataset, Experiments.name(dataset, Experiments.Role.GRID, s.quick()),
                    Experiments.name(dataset, Experiments.Role.SCALING, s.quick()), s.quick(), 0.951);
        }
    }

    /** Where a point comes from. */
    public enum Kind {
        GRID, SCALING;

        /** "grid" or "scaling", as the CSV writes it. */
        public String id() {
            return this == GRID ? "grid" : "scaling";
        }
    }

    /**
     * One topology at its best learning rate.
     *
     * @param bestAtGridEdge whether the best learning rate is at an end of the grid (the optimum may lie beyond)
     */
    public record Point(String label, String spec, int workers, Kind kind, double bestLr, double loss, double neighbors,
                        double gap, double largestStableLr, boolean bestAtGridEdge) { }

    /**
     * The paper's claims about Figs. 4 and 6, measured over the grid's topologies (NaN where the grid lacks a
     * topology a quantity needs).
     *
     * @param orderingViolations   pairs against FC &lt; Hypercube &lt; {Two cliques, Torus, TV-exp, Social} &lt; Ring &lt;
     *                             Binary tree &lt; Star &lt; Solo ({@link PaperTopology#lossRank})
     * @param stableLrRatio        largest non-diverged lr of hypercube/torus over that of fully connected
     * @param fcScalingViolations  fully connected: times a larger n has a larger loss
     */
    public record Findings(double rhoNeighbors, double rhoGap, double starMinusRingLoss, double starMinusRingGap,
                           int orderingViolations, double soloMinusWorstOther, double bestOtherMinusFc, double stableLrRatio,
                           int fcScalingViolations) { }

    public record Result(Config config, TrainedExperiment grid, TrainedExperiment scaling, List<Point> points,
                         Findings findings) implements DeepLearningResult {

        @Override
        public List<TrainedExperiment> experiments() {
            return List.of(grid, scaling);
        }
    }

    @Override
    public long work(Config c, StudyContext ctx) {
        return Experiments.work(List.of(c.gridExperiment(), c.scalingExperiment()), ctx);
    }

    @Override
    public Result run(Config c, StudyContext ctx) {
        List<Point> points = new ArrayList<>();
        List<TrainedExperiment> trained = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            TrainedExperiment exp = Experiments.train(kind == Kind.GRID ? c.gridExperiment() : c.scalingExperiment(), ctx);
            trained.add(exp);
            for (LearningRateCurve curve : LearningRateCurve.of(TrainingLog.runs(exp.folder()))) {
                if (curve.points().isEmpty()) {
                    continue;
                }
                GossipScheme s = ctx.topologies().build(curve.topology(), curve.workers()).scheme();
                String label = PaperTopology.label(curve.topology(), curve.workers());
                points.add(new Point(kind == Kind.GRID ? label : label + " n=" + curve.workers(), curve.topology(),
                        curve.workers(), kind, curve.bestLr(), curve.bestLoss(),
                        EffectiveNeighbors.of(s).at(c.gamma(), NeighborsMode.MEAN), SpectralGap.of(s), curve.largestStableLr(),
                        curve.bestAtGridEdge()));
            }
        }
        return new Result(c, trained.get(0), trained.get(1), points, findings(points));
    }

    static Findings findings(List<Point> points) {
        List<Point> graphs = points.stream().filter(p -> p.kind() == Kind.GRID).toList();
        double[] loss = graphs.stream().mapToDouble(Point::loss).toArray();
        double rhoNw = Spearman.rho(loss, graphs.stream().mapToDouble(Point::neighbors).toArray());
        double rhoGap = Spearman.rho(loss, graphs.stream().mapToDouble(Point::gap).toArray());
        List<Point> fc = new ArrayList<>(points.stream().filter(p -> is(p, PaperTopology.FULLY_CONNECTED)).toList());
        fc.sort(Comparator.comparingInt(Point::workers));
        int fcViolations = 0;
        for (int i = 1; i < fc.size(); i++) {
            fcViolations += fc.get(i).loss() > fc.get(i - 1).loss() ? 1 : 0;
        }
        double stableFc = of(graphs, PaperTopology.FULLY_CONNECTED, Point::largestStableLr);
        double stableBest = graphs.stream().filter(p -> is(p, PaperTopology.HYPERCUBE) || is(p, PaperTopology.TORUS_4X8))
                .mapToDouble(Point::largestStableLr).max().orElse(Double.NaN);
        return new Findings(rhoNw, rhoGap,
                of(graphs, PaperTopology.STAR, Point::loss) - of(graphs, PaperTopology.RING, Point::loss),
                of(graphs, PaperTopology.STAR, Point::gap) - of(graphs, PaperTopology.RING, Point::gap),
                violations(graphs),
                of(graphs, PaperTopology.SOLO, Point::loss) - graphs.stream().filter(p -> !is(p, PaperTopology.SOLO))
                        .mapToDouble(Point::loss).max().orElse(Double.NaN),
                graphs.stream().filter(p -> !is(p, PaperTopology.FULLY_CONNECTED)).mapToDouble(Point::loss).min()
                        .orElse(Double.NaN) - of(graphs, PaperTopology.FULLY_CONNECTED, Point::loss),
                stableBest / stableFc, fcViolations);
    }

    private static boolean is(Point p, PaperTopology t) {
        return PaperTopology.ofSpec(p.spec()).filter(t::equals).isPresent();
    }

    /** A quantity of the point of one topology (NaN when the grid lacks it). */
    private static double of(List<Point> ps, PaperTopology t, ToDoubleFunction<Point> quantity) {
        return ps.stream().filter(p -> is(p, t)).mapToDouble(quantity).findFirst().orElse(Double.NaN);
    }

    /** Pairs (a, b) with a ranked before b by the paper but with a larger loss. */
    static int violations(List<Point> ps) {
        int v = 0;
        for (Point a : ps) {
            for (Point b : ps) {
                Optional<Integer> la = rank(a);
                Optional<Integer> lb = rank(b);
                if (la.isPresent() && lb.isPresent() && la.get() < lb.get() && a.loss() > b.loss()) {
                    v++;
                }
            }
        }
        return v;
    }

    private static Optional<Integer> rank(Point p) {
        return PaperTopology.ofSpec(p.spec()).flatMap(PaperTopology::lossRank);
    }
}
