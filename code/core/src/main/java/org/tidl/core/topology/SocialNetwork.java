package org.tidl.core.topology;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * Davis Southern Women graph (networkx {@code davis_southern_women_graph}): 18 women (0–17) and 14 events
 * (18–31), 89 attendance edges, in networkx's node order; max-degree weights (the authors' {@code SocialNetworkTopology}).
 */
public final class SocialNetwork implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }

    /** EVENTS[w] = the events (as node numbers) woman w attended. */
    private static final int[][] EVENTS = {
        {18, 19, 20, 21, 22, 23, 25, 26}, {18, 19, 20, 22, 23, 24, 25}, {19, 20, 21, 22, 23, 24, 25, 26},
        {18, 20, 21, 22, 23, 24, 25}, {20, 21, 22, 24}, {20, 22, 23, 25}, {22, 23, 24, 25}, {23, 25, 26},
        {22, 24, 25, 26}, {24, 25, 26, 29}, {25, 26, 27, 29}, {25, 26, 27, 29, 30, 31},
        {24, 25, 26, 27, 29, 30, 31}, {23, 24, 26, 27, 28, 29, 30, 31}, {24, 25, 27, 28, 29}, {25, 26},
        {26, 28}, {26, 28},
    };

    @Override public String name() { return "social-network"; }
    @Override public String description() { return "Davis Southern Women graph, 32 nodes, 89 edges (n must be 32)"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        if (n != 32) {
            throw new IllegalArgumentException("social-network has exactly 32 workers, got " + n);
        }
        int edges = 0;
        for (int[] e : EVENTS) {
            edges += e.length;
        }
        int[][] list = new int[edges][];
        int k = 0;
        for (int w = 0; w < EVENTS.length; w++) {
            for (int e : EVENTS[w]) {
                list[k++] = new int[] {w, e};
            }
        }
        return GossipScheme.fixed(MaxDegreeWeights.fromNeighbors(MaxDegreeWeights.neighborsOfEdges(32, list)));
    }
}
