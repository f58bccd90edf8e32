package org.tidl.core;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.TopologyProvider;
import org.tidl.core.plugin.ProviderEntry;

/**
 * A built and validated topology: the spec it came from, its provider and the scheme for n workers.
 */
public record Topology(PluginSpec spec, ProviderEntry<TopologyProvider> provider, Parameters parameters,
                       GossipScheme scheme) {

    public int workers() {
        return scheme.size();
    }
}
