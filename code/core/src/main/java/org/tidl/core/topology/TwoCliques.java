package org.tidl.core.topology;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * Cliques {0 … ⌊n/2⌋−1} and {⌊n/2⌋ … n−1} joined by the one edge 0 — ⌊n/2⌋ (the authors' {@code TwoCliquesTopology};
 * odd n puts the extra worker in the second clique, as the authors' code does).
 */
public final class TwoCliques implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "two-cliques"; }
    @Override public String description() { return "two cliques of n/2 joined by the edge 0 - n/2, max-degree weights"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        Require.atLeast(name(), n, 2);
        int half = n / 2;
        RandomGraphs.requireEdges(name(), (long) half * (half - 1) / 2 + (long) (n - half) * (n - half - 1) / 2 + 1);
        int[][] nb = new int[n][];
        for (int i = 0; i < n; i++) {
            int lo = i < half ? 0 : half;
            int hi = i < half ? half : n;
            boolean bridge = i == 0 || i == half;
            int[] list = new int[hi - lo - 1 + (bridge ? 1 : 0)];
            int k = 0;
            for (int j = lo; j < hi; j++) {
                if (j != i) {
                    list[k++] = j;
                }
            }
            if (bridge) {
                list[k] = i == 0 ? half : 0;
            }
            nb[i] = list;
        }
        return GossipScheme.fixed(MaxDegreeWeights.fromNeighbors(nb));
    }
}
