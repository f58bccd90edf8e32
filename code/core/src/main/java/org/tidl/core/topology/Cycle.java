package org.tidl.core.topology;

import java.util.ArrayList;
import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.TopologyProvider;
import org.tidl.core.TopologyRegistry;

/**
 * Cycles through other topologies (the reproduction repo's {@code CycleChangingGraph}):
 * W(t) = topos[t mod K].W(t div K). Built-in topologies only, separated by '|' ({@code of=star|two-cliques|ring});
 * inside one of them write ';' for ','. Periodic when all of them are: period K · lcm(their periods).
 */
public final class Cycle implements TopologyProvider {
    @Override public String name() { return "cycle"; }
    @Override public String description() { return "cycle through built-in topologies: W(t) = topos[t mod K].W(t div K)"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.text("of", null, "built-in topology specs separated by '|' (';' for ',' inside one)"));
    }

    @Override
    public GossipScheme create(int n, Parameters p) {
        List<GossipScheme> parts = new ArrayList<>();
        for (String spec : p.text("of").split("\\|")) {
            if (spec.isBlank()) {
                throw new IllegalArgumentException("of: empty topology in '" + p.text("of") + "'");
            }
            parts.add(TopologyRegistry.builtIn().build(spec.strip().replace(';', ','), n).scheme());
        }
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
