package org.example.tidl;

import java.util.List;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * An example third-party topology: the wheel graph, a hub (worker 0) linked to every worker of a ring
 * 1 … n−1, with Metropolis–Hastings weights w_ij = 1/(max(deg_i, deg_j) + 1) and optional laziness.
 * It depends on the tidl-api jar alone.
 */
public final class WheelTopology implements TopologyProvider {

    @Override
    public int apiVersion() {
        return PluginApi.VERSION; // the compiler copies the value: this class records the API it was built against
    }

    @Override
    public String name() {
        return "wheel";
    }

    @Override
    public String description() {
        return "example plugin: hub 0 linked to a ring 1..n-1, Metropolis-Hastings weights";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.real("lazy", 0.0, 0, 1, true, "extra self-weight: W' = lazy*I + (1-lazy)*W"));
    }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) { // not a composite: no resolver needed
        if (n < 4) {
            throw new IllegalArgumentException("wheel needs workers >= 4, got " + n);
        }
        double lazy = p.real("lazy");
        int rim = n - 1;
        GossipMatrix.Builder b = GossipMatrix.builder(n);
        int hubDegree = rim;
        for (int i = 1; i < n; i++) {
            int next = 1 + (i % rim);
            int prev = 1 + ((i - 2 + rim) % rim);
            double spoke = (1 - lazy) / (Math.max(hubDegree, 3) + 1);
            double rimWeight = (1 - lazy) / (3 + 1);
            b.set(i, 0, spoke).set(0, i, spoke);
            b.set(i, next, rimWeight).set(i, prev, rimWeight);
        }
        for (int i = 0; i < n; i++) {
            b.set(i, i, 1 - b.rowSum(i) + b.get(i, i));
        }
        return GossipScheme.fixed(b.build());
    }
}
