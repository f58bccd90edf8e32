package org.tidl.reproduction.beyond;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.api.GossipScheme;
import org.tidl.core.stats.Spearman;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.QuadraticRate;
import org.tidl.core.theory.SpectralGap;
import org.tidl.reproduction.LogGrid;
import org.tidl.reproduction.RunSettings;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;
import org.tidl.reproduction.fit.LearningRateSearch;

/**
 * Regular against irregular graphs: over many random graphs (Erdős–Rényi with p from 0.2 to 1, Barabási–Albert
 * with m from 4 to 20; n = 64), D-SGD's best convergence rate on the isotropic quadratic (ζ = 100; Eq. 7 fixed
 * point with worst-mode n_W, maximised over the learning rate) against n_W(0.951) and against the spectral gap,
 * with Spearman's ρ for both predictors.
 */
public final class RegularityStudy implements Study<RegularityStudy.Config, RegularityStudy.Result> {

    /** Graph families. */
    public enum Family {
        ERDOS_RENYI("Erdos-Renyi"), BARABASI_ALBERT("Barabasi-Albert");

        private final String label;

        Family(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One random graph: family, its parameter as written, the graph seed, the spec that builds it. */
    public record Graph(Family family, String parameter, int seed, String spec) { }

    /** @param graphSeeds random graphs per family parameter (5; 2 in the quick run) */
    public record Config(int workers, double zeta, double gamma, int graphSeeds, LogGrid learningRates) {

        public static Config paper(RunSettings s) {
            return new Config(64, 100, 0.951, s.quick() ? 2 : 5, new LogGrid(-4, 0, 200));
        }

        /** Erdős–Rényi p = 0.2, 0.3, …, 1 and Barabási–Albert m = 4, 6, …, 20, each with seeds 1 … graphSeeds. */
        public List<Graph> graphs() {
            List<Graph> out = new ArrayList<>();
            for (int k = 0; k <= 8; k++) {
                double p = 0.2 + 0.1 * k;
                for (int s = 1; s <= graphSeeds; s++) {
                    out.add(new Graph(Family.ERDOS_RENYI, String.format(Locale.ROOT, "%.1f", p), s,
                            String.format(Locale.ROOT, "erdos-renyi:p=%.1f,seed=%d", p, s)));
                }
            }
            for (int m = 4; m <= 20; m += 2) {
                for (int s = 1; s <= graphSeeds; s++) {
                    out.add(new Graph(Family.BARABASI_ALBERT, Integer.toString(m), s,
                            String.format(Locale.ROOT, "barabasi-albert:m=%d,seed=%d", m, s)));
                }
            }
            return out;
        }
    }

    /** One graph's spectral gap, n_W(γ) (mean and worst mode) and best Eq. 7 rate. */
    public record Row(Graph graph, double spectralGap, double meanNeighbors, double worstNeighbors,
                      LearningRateSearch.Optimum best) { }

    /** Spearman's ρ of the best rate against mean-mode n_W, worst-mode n_W and the spectral gap, over all graphs. */
    public record Result(Config config, List<Row> rows, double rhoNeighbors, double rhoWorstNeighbors, double rhoGap) { }

    @Override
    public long work(Config c, StudyContext ctx) {
        return c.graphs().size();
    }

    @Override
    public Result run(Config c, StudyContext ctx) {
        List<Row> rows = new ArrayList<>();
        for (Graph g : c.graphs()) {
            GossipScheme s = ctx.topologies().build(g.spec(), c.workers()).scheme();
            EffectiveNeighbors nw = EffectiveNeighbors.of(s);
            LearningRateSearch.Optimum best = LearningRateSearch.maximise(
                    lr -> QuadraticRate.fixedPoint(gamma -> nw.at(gamma, NeighborsMode.WORST), c.zeta(), lr), c.learningRates());
            rows.add(new Row(g, SpectralGap.of(s), nw.at(c.gamma(), NeighborsMode.MEAN), nw.at(c.gamma(), NeighborsMode.WORST),
                    best));
            ctx.progress().accept(1);
        }
        double[] rates = rows.stream().mapToDouble(r -> r.best().rate()).toArray();
        return new Result(c, rows, Spearman.rho(rates, rows.stream().mapToDouble(Row::meanNeighbors).toArray()),
                Spearman.rho(rates, rows.stream().mapToDouble(Row::worstNeighbors).toArray()),
                Spearman.rho(rates, rows.stream().mapToDouble(Row::spectralGap).toArray()));
    }
}
