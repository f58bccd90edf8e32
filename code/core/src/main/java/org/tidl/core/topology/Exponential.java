package org.tidl.core.topology;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * Static exponential graph (BlueFog's {@code ExponentialGraph}): worker i receives from i + 2^k (mod n) for
 * 2^k < n, all weights 1/(⌈log2 n⌉ + 1) including its own. Circulant, so doubly stochastic; directed.
 */
public final class Exponential implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "exponential"; }
    @Override public String description() { return "static exponential graph: i averages itself and i+2^k (mod n) for 2^k < n, equal weights (directed)"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int k = 0;
        while ((1L << k) < n) {
            k++;
        }
        int[][] offsets = new int[k + 1][];
        double[] weights = new double[k + 1];
        offsets[0] = new int[] {0};
        for (int j = 0; j < k; j++) {
            offsets[j + 1] = new int[] {1 << j};
        }
        java.util.Arrays.fill(weights, 1.0 / (k + 1));
        int[] z = {n};
        return ConvolutionScheme.of(z, ConvolutionScheme.stencil(z, offsets, weights));
    }
}
