package org.tidl.core.topology;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/** i ~ i XOR 2^j for j < log2 n, weights 1/(log2 n + 1) (the authors' {@code HyperCubeTopology}). */
public final class Hypercube implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "hypercube"; }
    @Override public String description() { return "i ~ i XOR 2^j, n a power of 2, weights 1/(log2 n + 1)"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int d = Require.log2Exact(name(), n);
        if (d == 0) {
            return ConvolutionScheme.of(new int[] {1}, ConvolutionScheme.Step.mixture(0));
        }
        int[] z = new int[d];
        java.util.Arrays.fill(z, 2);
        int[][] nb = new int[d][d];
        for (int j = 0; j < d; j++) {
            nb[j][d - 1 - j] = 1; // flipping bit j (last coordinate is bit 0)
        }
        return ConvolutionScheme.of(z, ConvolutionScheme.maxDegreeStencil(z, nb));
    }
}
