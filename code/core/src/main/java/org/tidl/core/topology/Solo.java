package org.tidl.core.topology;

import java.util.Optional;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.SpectralSymbol;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/** No communication: W = I (the authors' {@code DisconnectedTopology}, the paper's "Solo" / "Alone"). */
public final class Solo implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "solo"; }
    @Override public String description() { return "disconnected workers, W = I (the paper's 'alone')"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        return ConvolutionScheme.of(new int[] {n}, ConvolutionScheme.Step.mixture(0));
    }

    @Override
    public Optional<SpectralSymbol> infinite(Parameters p) {
        return Optional.of(new SpectralSymbol() {
            @Override public int dimension() { return 1; }
            @Override public double eigenvalue(double[] t) { return 1.0; }
        });
    }
}
