package org.tidl.core.topology;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.TopologyProvider;

/** Path 0 — 1 — … — (n−1) (REF {@code ChainTopology}); n = 1 is a single worker. */
public final class Chain implements TopologyProvider {
    @Override public String name() { return "chain"; }
    @Override public String description() { return "path graph 0-1-...-(n-1), max-degree weights"; }

    @Override
    public GossipScheme create(int n, Parameters p) {
        int[][] nb = new int[n][];
        for (int i = 0; i < n; i++) {
            if (n == 1) {
                nb[i] = new int[0];
            } else if (i == 0) {
                nb[i] = new int[] {1};
            } else if (i == n - 1) {
                nb[i] = new int[] {i - 1};
            } else {
                nb[i] = new int[] {i - 1, i + 1};
            }
        }
        return GossipScheme.fixed(MaxDegreeWeights.fromNeighbors(nb));
    }
}
