package org.tidl.reproduction.paper;

import java.util.ArrayList;
import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.SpectralGap;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;

/** The paper's topologies at n = 32 with spectral gap and n_W: the table behind the numbers of Figs. 2, 4–6. */
public final class TopologiesStudy implements Study<TopologiesStudy.Config, TopologiesStudy.Result> {

    /** @param gamma the γ of the paper's Fig. 6 */
    public record Config(List<PaperTopology> topologies, int workers, double gamma) {

        /** Every topology of the registry, in its order. */
        public static Config paper() {
            return new Config(List.of(PaperTopology.values()), 32, 0.951);
        }
    }

    /** One topology: spectral gap, mean-mode n_W at γ = 0 and at γ, worst-mode n_W at γ. */
    public record Row(PaperTopology topology, double spectralGap, double meanAtZero, double meanAtGamma, double worstAtGamma) { }

    public record Result(Config config, List<Row> rows) { }

    @Override
    public long work(Config c, StudyContext ctx) {
        return c.topologies().size();
    }

    @Override
    public Result run(Config c, StudyContext ctx) {
        List<Row> rows = new ArrayList<>();
        for (PaperTopology t : c.topologies()) {
            GossipScheme s = ctx.topologies().build(t.spec(), c.workers()).scheme();
            EffectiveNeighbors nw = EffectiveNeighbors.of(s);
            rows.add(new Row(t, SpectralGap.of(s), nw.at(0, NeighborsMode.MEAN), nw.at(c.gamma(), NeighborsMode.MEAN),
                    nw.at(c.gamma(), NeighborsMode.WORST)));
            ctx.progress().accept(1);
        }
        return new Result(c, rows);
    }
}
