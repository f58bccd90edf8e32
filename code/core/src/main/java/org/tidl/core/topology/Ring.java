package org.tidl.core.topology;

import java.util.Optional;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.SpectralSymbol;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/** i ~ i±1 (mod n), weights 1/3; n = 2 is one edge (weights ½), n = 1 no edge (the authors' {@code RingTopology}). */
public final class Ring implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "ring"; }
    @Override public String description() { return "cycle i ~ i±1 (mod n), weights 1/3 (n=2: 1/2)"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int[] z = {n};
        if (n == 1) {
            return ConvolutionScheme.of(z, ConvolutionScheme.Step.mixture(0));
        }
        int[][] nb = n == 2 ? new int[][] {{1}} : new int[][] {{-1}, {1}};
        return ConvolutionScheme.of(z, ConvolutionScheme.maxDegreeStencil(z, nb));
    }

    /** λ(θ) = (1 + 2 cos θ)/3 (paper Eq. 8 for the infinite ring). */
    @Override
    public Optional<SpectralSymbol> infinite(Parameters p) {
        return Optional.of(new SpectralSymbol() {
            @Override public int dimension() { return 1; }
            @Override public double eigenvalue(double[] t) { return (1 + 2 * Math.cos(t[0])) / 3; }
        });
    }
}
