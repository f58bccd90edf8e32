package org.tidl.core.topology;

import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.Seeds;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/** A random connected d-regular graph (pairing model, seeded), weights 1/(d + 1). */
public final class RandomRegular implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    static final Parameter DEGREE = Parameter.integer("degree", null, 1, 1_000_000, "degree d of every worker");

    @Override public String name() { return "random-regular"; }
    @Override public String description() { return "random connected d-regular graph (seeded), weights 1/(d+1); n*d even, d < n"; }
    @Override public List<Parameter> parameters() { return List.of(DEGREE, ErdosRenyi.SEED); }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int d = p.integer("degree");
        if (d >= n || (n * (long) d) % 2 != 0) {
            throw new IllegalArgumentException("needs degree < n and n*degree even (got degree = " + d + ", n = " + n + ")");
        }
        int[][] edges = RandomGraphs.randomRegular(name(), n, d, Seeds.stream(p.integer("seed"), name(), 0));
        return GossipScheme.fixed(MaxDegreeWeights.fromNeighbors(MaxDegreeWeights.neighborsOfEdges(n, edges)));
    }
}
