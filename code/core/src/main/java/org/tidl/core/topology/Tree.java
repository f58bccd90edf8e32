package org.tidl.core.topology;

import java.util.ArrayList;
import java.util.List;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * the authors' {@code TreeTopology(n, max_degree=D)}: a balanced tree filled layer by layer in worker order; the root
 * has D children and every other inner worker D−1 children and a parent, so inner degrees are all D.
 */
public final class Tree implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "tree"; }
    @Override public String description() { return "balanced tree of degree D filled layer by layer (the paper code's TreeTopology)"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.integer("degree", 3, 3, 1_000_000, "degree of inner workers"));
    }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int d = p.integer("degree");
        List<List<Integer>> nb = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nb.add(new ArrayList<>());
        }
        // Layer 0 is the root, layer 1 holds d workers, layer k ≥ 2 holds (d−1)·|layer k−1|.
        int layerStart = 0;
        int layerSize = 1;
        while (layerStart < n) {
            int nextStart = layerStart + layerSize;
            for (int i = 0; i < layerSize && layerStart + i < n; i++) {
                int parent = layerStart + i;
                int fanout = layerStart == 0 ? d : d - 1;
                for (int x = 0; x < fanout; x++) {
                    int child = nextStart + fanout * i + x;
                    if (child < n) {
                        nb.get(parent).add(child);
                        nb.get(child).add(0, parent);
                    }
                }
            }
            layerSize = layerStart == 0 ? d : layerSize * (d - 1);
            layerStart = nextStart;
        }
        int[][] lists = new int[n][];
        for (int i = 0; i < n; i++) {
            lists[i] = nb.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return GossipScheme.fixed(MaxDegreeWeights.fromNeighbors(lists));
    }
}
