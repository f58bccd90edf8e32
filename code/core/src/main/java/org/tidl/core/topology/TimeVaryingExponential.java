package org.tidl.core.topology;

import java.util.ArrayList;
import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * One-peer exponential graph (Assran et al.; the authors' {@code TimeVaryingExponential}): period log2 n, and at step t
 * worker i averages ½/½ with worker i + 2^(t mod log2 n). The product over one period is exactly 11ᵀ/n.
 */
public final class TimeVaryingExponential implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "time-varying-exponential"; }
    @Override public String description() { return "one peer per step: i averages with i+2^(t mod log2 n); period log2 n, n a power of 2 >= 2"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int d = Require.log2Exact(name(), n);
        Require.atLeast(name(), n, 2);
        int[] z = {n};
        List<ConvolutionScheme.Step> steps = new ArrayList<>();
        for (int t = 0; t < d; t++) {
            steps.add(ConvolutionScheme.stencil(z, new int[][] {{0}, {1 << t}}, new double[] {0.5, 0.5}));
        }
        return ConvolutionScheme.of(z, steps);
    }
}
