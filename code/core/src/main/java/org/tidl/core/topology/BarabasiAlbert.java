package org.tidl.core.topology;

import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.Seeds;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/** Barabási–Albert preferential attachment as networkx (star on m + 1 nodes, then m links per node), max-degree weights. */
public final class BarabasiAlbert implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    static final Parameter M = Parameter.integer("m", null, 1, 1_000_000, "links of each new worker");

    @Override public String name() { return "barabasi-albert"; }
    @Override public String description() { return "Barabasi-Albert graph (networkx rule, seeded): m*(n-m) edges, max-degree weights"; }
    @Override public List<Parameter> parameters() { return List.of(M, ErdosRenyi.SEED); }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int m = p.integer("m");
        if (m >= n) {
            throw new IllegalArgumentException("m must be < n (got m = " + m + ", n = " + n + ")");
        }
        int[][] edges = RandomGraphs.barabasiAlbert(n, m, Seeds.stream(p.integer("seed"), name(), 0));
        return GossipScheme.fixed(MaxDegreeWeights.fromNeighbors(MaxDegreeWeights.neighborsOfEdges(n, edges)));
    }
}
