package org.tidl.core.topology;

import org.tidl.api.GossipMatrix;

/**
 * The gossip weights of the paper's code (the authors' {@code Topology.gossip_matrix}): for each listed neighbor j
 * of i, w_ij = 1/(max(deg_i, deg_j) + 1), where deg is the length of the neighbor list; then
 * w_ii = 1 − Σ_{j≠i} w_ij. A neighbor listed twice is written once but counted twice in the degree
 * (this is what makes the paper's "Torus (2x16)" keep self-weight 0.4).
 */
public final class MaxDegreeWeights {

    private MaxDegreeWeights() {
    }

    /** @param neighbors neighbors[i] lists the neighbors of worker i (no self loops). */
    public static GossipMatrix fromNeighbors(int[][] neighbors) {
        int n = neighbors.length;
        GossipMatrix.Builder b = GossipMatrix.builder(n);
        for (int i = 0; i < n; i++) {
            for (int j : neighbors[i]) {
                if (j == i) {
                    throw new IllegalArgumentException("worker " + i + " lists itself as a neighbor");
                }
                int deg = Math.max(neighbors[i].length, neighbors[j].length);
                b.set(i, j, 1.0 / (deg + 1));
            }
            b.set(i, i, 1.0 - b.rowSum(i));
        }
        return b.build();
    }

    /** Neighbor lists of an undirected graph given by its edges. */
    public static int[][] neighborsOfEdges(int n, int[][] edges) {
        int[] deg = new int[n];
        for (int[] e : edges) {
            deg[e[0]]++;
            deg[e[1]]++;
        }
        int[][] nb = new int[n][];
        for (int i = 0; i < n; i++) {
            nb[i] = new int[deg[i]];
        }
        int[] fill = new int[n];
        for (int[] e : edges) {
            nb[e[0]][fill[e[0]]++] = e[1];
            nb[e[1]][fill[e[1]]++] = e[0];
        }
        return nb;
    }
}
