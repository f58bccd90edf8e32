package org.tidl.core.topology;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/** Exact averaging W = J/n (every weight 1/n). */
public final class FullyConnected implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "fully-connected"; }
    @Override public String description() { return "complete graph, W = 11^T/n (exact averaging)"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        return ConvolutionScheme.of(new int[] {n}, ConvolutionScheme.Step.mixture(1));
    }
}
