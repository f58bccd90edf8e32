package org.tidl.core.topology;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/** Directed cycle: W = (I + P)/2 with w_{i,i+1} = ½ (the authors' {@code UnidirectionalRingTopology}); n = 1 is W = I. */
public final class UnidirectionalRing implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "unidirectional-ring"; }
    @Override public String description() { return "directed cycle, worker i averages with i+1: W = (I + shift)/2 (not symmetric)"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int[] z = {n};
        if (n == 1) {
            return ConvolutionScheme.of(z, ConvolutionScheme.Step.mixture(0));
        }
        return ConvolutionScheme.of(z, ConvolutionScheme.stencil(z, new int[][] {{0}, {1}}, new double[] {0.5, 0.5}));
    }
}
