package org.tidl.core.topology;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.TopologyProvider;

/** Worker 0 is linked to every other worker; all links 1/n, leaves keep 1 − 1/n (REF {@code StarTopology}). */
public final class Star implements TopologyProvider {
    @Override public String name() { return "star"; }
    @Override public String description() { return "worker 0 linked to all others, weights 1/n"; }

    @Override
    public GossipScheme create(int n, Parameters p) {
        int[][] nb = new int[n][];
        nb[0] = new int[n - 1];
        for (int i = 1; i < n; i++) {
            nb[0][i - 1] = i;
            nb[i] = new int[] {0};
        }
        return GossipScheme.fixed(MaxDegreeWeights.fromNeighbors(nb));
    }
}
