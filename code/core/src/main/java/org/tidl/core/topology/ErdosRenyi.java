package org.tidl.core.topology;

import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.Seeds;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/** G(n, p) resampled until connected (seeded), max-degree weights as the reproduction repo. */
public final class ErdosRenyi implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    static final Parameter P = Parameter.real("p", null, 0, 1, false, "edge probability");
    static final Parameter SEED = Parameter.integer("seed", 1, 0, Integer.MAX_VALUE, "random seed");

    @Override public String name() { return "erdos-renyi"; }
    @Override public String description() { return "random G(n, p), resampled until connected (seeded), max-degree weights"; }
    @Override public List<Parameter> parameters() { return List.of(P, SEED); }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int[][] edges = RandomGraphs.connectedErdosRenyi(name(), n, p.real("p"), Seeds.stream(p.integer("seed"), name(), 0));
        return GossipScheme.fixed(MaxDegreeWeights.fromNeighbors(MaxDegreeWeights.neighborsOfEdges(n, edges)));
    }
}
