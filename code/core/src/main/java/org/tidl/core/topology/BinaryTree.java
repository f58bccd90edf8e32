package org.tidl.core.topology;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * the authors' {@code BinaryTreeTopology}: worker w ≥ 1 has parent ⌊w/2⌋ and children 2w, 2w+1 (< n); worker 0 is an
 * extra root whose single child is 1. Max-degree weights; n = 1 is a single worker.
 */
public final class BinaryTree implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "binary-tree"; }
    @Override public String description() { return "binary tree as the paper's code: w ~ w/2, 2w, 2w+1, with extra root 0 above 1"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int[][] nb = new int[n][];
        for (int w = 0; w < n; w++) {
            if (n < 2) {
                nb[w] = new int[0];
            } else if (w == 0) {
                nb[w] = new int[] {1};
            } else {
                int children = (2 * w < n ? 1 : 0) + (2 * w + 1 < n ? 1 : 0);
                int[] list = new int[1 + children];
                list[0] = w / 2;
                for (int c = 0; c < children; c++) {
                    list[1 + c] = 2 * w + c;
                }
                nb[w] = list;
            }
        }
        return GossipScheme.fixed(MaxDegreeWeights.fromNeighbors(nb));
    }
}
