package org.tidl.core.topology;

import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * Cycles through other topologies (the reproduction repo's {@code CycleChangingGraph}):
 * W(t) = topos[t mod K].W(t div K). Any topologies, plugins included, built through the {@link TopologyResolver}
 * ({@code of=[star,two-cliques,torus:rows=4,cols=8]}; the deprecated {@code of=star|torus:rows=4;cols=8} is still
 * read). Periodic when all of them are: period K · lcm(their periods).
 */
public final class Cycle implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "cycle"; }
    @Override public String description() { return "cycle through topologies: W(t) = topos[t mod K].W(t div K)"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.text("of", null,
                "topology specs, any topology, a nested one with parameters in brackets: of=[ring,star,torus:rows=4,cols=8]"));
    }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        List<GossipScheme> parts = topologies.schemes(p.text("of"), n);
        int k = parts.size();
        long lcm = 1;
        boolean periodic = true;
        for (GossipScheme s : parts) {
            if (s.period() == GossipScheme.APERIODIC) {
                periodic = false;
            } else {
                lcm = lcm / gcd(lcm, s.period()) * s.period();
            }
        }
        long period = k * lcm;
        if (period > 1_000_000) {
            periodic = false;
        }
        return GossipScheme.of(n, periodic ? (int) period : GossipScheme.APERIODIC,
                t -> parts.get((int) Math.floorMod(t, (long) k)).matrix(Math.floorDiv(t, (long) k)));
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
