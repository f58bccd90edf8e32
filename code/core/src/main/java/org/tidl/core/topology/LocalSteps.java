package org.tidl.core.topology;

import java.util.ArrayList;
import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/** W(t) = 11ᵀ/n when (t+1) mod H = 0, else I: H−1 local steps, then exact averaging (the authors' {@code LocalSteps}). */
public final class LocalSteps implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "local-steps"; }
    @Override public String description() { return "identity except exact averaging every H-th step (period H)"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.integer("period", null, 1, 1_000_000, "H, steps between averagings"));
    }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int h = p.integer("period");
        List<ConvolutionScheme.Step> steps = new ArrayList<>();
        for (int t = 0; t < h; t++) {
            steps.add(ConvolutionScheme.Step.mixture((t + 1) % h == 0 ? 1 : 0));
        }
        return ConvolutionScheme.of(new int[] {n}, steps);
    }
}
