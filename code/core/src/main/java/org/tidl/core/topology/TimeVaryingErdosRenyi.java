package org.tidl.core.topology;

import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.Seeds;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * A fresh connected G(n, p) at every step, drawn from the stream {@link Seeds} derives from (seed, t), so W(t)
 * does not depend on the order of the calls and consecutive seeds are independent. Not periodic: n_W needs
 * {@code --method simulate}.
 */
public final class TimeVaryingErdosRenyi implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "time-varying-erdos-renyi"; }
    @Override public String description() { return "a fresh connected G(n, p) every step (seeded), max-degree weights; aperiodic"; }
    @Override public List<Parameter> parameters() { return List.of(ErdosRenyi.P, ErdosRenyi.SEED); }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        double prob = p.real("p");
        long seed = p.integer("seed");
        GossipScheme scheme = GossipScheme.of(n, GossipScheme.APERIODIC, t -> MaxDegreeWeights.fromNeighbors(
                MaxDegreeWeights.neighborsOfEdges(n, RandomGraphs.connectedErdosRenyi(name(), n, prob, Seeds.stream(seed, name(), t)))));
        scheme.matrix(0); // fail now, not mid-run
        return scheme;
    }
}
