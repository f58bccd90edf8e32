package org.tidl.cli;

import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.core.io.Csv;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.SpectralGap;

/** The paper's topologies at n = 32 with spectral gap and n_W: the table behind the numbers of Figs. 2, 4–6. */
final class TopologiesTable implements Figure {

    private record Row(String label, String spec, int workers) { }

    static final List<Row> ROWS = List.of(new Row("Solo", "solo", 32), new Row("Star", "star", 32),
            new Row("Binary tree", "binary-tree", 32), new Row("Ring", "ring", 32),
            new Row("Time-varying exponential", "time-varying-exponential", 32),
            new Row("Social network", "social-network", 32), new Row("Two cliques", "two-cliques", 32),
            new Row("Torus (4x8)", "circulant:offsets=1,8", 32), new Row("Hypercube", "hypercube", 32),
            new Row("Fully connected", "fully-connected", 32), new Row("Torus 4x8 (true 2-D)", "torus:rows=4,cols=8", 32));

    @Override public String name() { return "topologies"; }
    @Override public String description() { return "table: spectral gap and n_W of the paper's topologies, n = 32 (CSV only)"; }
    @Override public int work(boolean quick) { return ROWS.size(); }

    @Override
    public void make(Job job) {
        Csv csv = new Csv("topology", "spec", "workers", "spectral_gap", "n_w_mean_0", "n_w_mean_0.951", "n_w_worst_0.951");
        for (Row r : ROWS) {
            GossipScheme s = job.ctx.topologies().build(r.spec(), r.workers()).scheme();
            EffectiveNeighbors nw = EffectiveNeighbors.of(s);
            csv.add(r.label(), r.spec(), r.workers(), SpectralGap.of(s), nw.at(0, NeighborsMode.MEAN),
                    nw.at(0.951, NeighborsMode.MEAN), nw.at(0.951, NeighborsMode.WORST));
            job.progress.advance(1);
        }
        job.csv("topologies.csv", csv);
    }
}
