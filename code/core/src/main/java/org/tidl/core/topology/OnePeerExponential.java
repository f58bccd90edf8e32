package org.tidl.core.topology;

import java.util.ArrayList;
import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * One-peer exponential graph for any n (BlueFog's dynamic one-peer exponential): at step t worker i averages
 * ½/½ with i + 2^(t mod ⌈log2 n⌉) (mod n). For n a power of 2 it is {@code time-varying-exponential}.
 */
public final class OnePeerExponential implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "one-peer-exponential"; }
    @Override public String description() { return "one peer per step: i averages with i+2^(t mod ceil(log2 n)) (mod n), any n >= 2"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        Require.atLeast(name(), n, 2);
        int[] z = {n};
        List<ConvolutionScheme.Step> steps = new ArrayList<>();
        for (int k = 0; (1L << k) < n; k++) {
            steps.add(ConvolutionScheme.stencil(z, new int[][] {{0}, {1 << k}}, new double[] {0.5, 0.5}));
        }
        return ConvolutionScheme.of(z, steps);
    }
}
