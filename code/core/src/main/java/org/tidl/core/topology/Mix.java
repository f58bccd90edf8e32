package org.tidl.core.topology;

import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/** W = α·11ᵀ/n + (1−α)·I: every non-trivial eigenvalue is 1−α, spectral gap α (the authors' {@code MixTopology}; tight for Eq. 11). */
public final class Mix implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "mix"; }
    @Override public String description() { return "W = gap*11^T/n + (1-gap)*I, all non-trivial eigenvalues 1-gap"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.real("gap", null, 0, 1, false, "the spectral gap alpha"));
    }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        return ConvolutionScheme.of(new int[] {n}, ConvolutionScheme.Step.mixture(p.real("gap")));
    }
}
