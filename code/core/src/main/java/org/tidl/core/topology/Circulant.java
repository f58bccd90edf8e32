package org.tidl.core.topology;

import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * Circulant graph C_n(a, b, …): i ~ i±a, i±b (mod n), max-degree weights with duplicates counted in the
 * degree. {@code offsets=1,8} at n = 32 is the authors' {@code TorusTopology(4, 8)}, the paper's "Torus (4x8)".
 */
public final class Circulant implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "circulant"; }
    @Override public String description() { return "circulant graph i ~ i±a, i±b, ... (mod n); offsets=1,8 is the paper's 'Torus (4x8)'"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.integerList("offsets", null, 1, "the offsets a,b,..."));
    }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int[] offsets = p.integers("offsets");
        int[][] nb = new int[2 * offsets.length][];
        for (int k = 0; k < offsets.length; k++) {
            nb[2 * k] = new int[] {-offsets[k]};
            nb[2 * k + 1] = new int[] {offsets[k]};
        }
        int[] z = {n};
        return ConvolutionScheme.of(z, ConvolutionScheme.maxDegreeStencil(z, nb));
    }
}
