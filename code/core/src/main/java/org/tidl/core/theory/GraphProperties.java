package org.tidl.core.theory;

import java.util.Arrays;
import org.tidl.api.ConvolutionSpectrum;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.core.InvalidInputException;

/**
 * The communication graph of a scheme: i and j are linked when w_ij or w_ji is non-zero at some step of the
 * period (for a non-periodic scheme: at step 0). Degrees count distinct neighbors; the diameter is the
 * longest shortest path of that undirected graph (infinite when disconnected).
 *
 * <p>Cost O(non-zeros) for everything but the diameter. The diameter is one BFS for a Cayley graph (convolution
 * schemes are vertex-transitive), two for a tree (the double sweep is exact there), and otherwise iFUB
 * (Crescenzi et al. 2013), which is exact and usually needs a handful of BFS, each O(edges). A graph that would
 * need more than {@value #MAX_EDGE_VISITS} edge visits is refused with the bounds found so far.
 */
public record GraphProperties(int workers, int period, boolean symmetric, boolean doublyStochastic, int minDegree,
                              int maxDegree, long edges, double diameter) {

    static final long MAX_EDGE_VISITS = 20_000_000_000L;

    public static GraphProperties of(GossipScheme scheme) {
        int n = scheme.size();
        int steps = Math.max(scheme.period(), 1);
        boolean symmetric = true;
        boolean doubly = true;
        boolean complete = false;
        double tol = 1e-12 * Math.max(n, 1);
        GossipMatrix[] ws = new GossipMatrix[steps];
        long links = 0;
        for (int t = 0; t < steps; t++) {
            GossipMatrix w = scheme.matrix(t);
            ws[t] = w;
            if (w.mixtureWeight().isPresent()) {
                // α·J/n + (1−α)·I: symmetric, doubly stochastic; complete unless it is the identity
                complete |= w.mixtureWeight().getAsDouble() > 0 && n > 1;
                ws[t] = null;
                continue;
            }
            double[] colSum = new double[n];
            boolean[] asym = {false};
            long[] offDiagonal = {0};
            for (int i = 0; i < n; i++) {
                final int row = i;
                w.forEachInRow(i, (j, v) -> {
                    colSum[j] += v;
                    if (j != row) {
                        offDiagonal[0]++;
                        if (!asym[0] && Math.abs(w.get(j, row) - v) > 1e-12) {
                            asym[0] = true;
                        }
                    }
                });
            }
            symmetric &= !asym[0];
            links += offDiagonal[0];
            for (int j = 0; j < n; j++) {
                if (Math.abs(colSum[j] - 1) > tol) {
                    doubly = false;
                }
            }
        }
        if (complete) {
            return new GraphProperties(n, scheme.period(), symmetric, doubly, n - 1, n - 1, (long) n * (n - 1) / 2, 1);
        }
        Adjacency g = Adjacency.of(ws, n, links);
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < n; i++) {
            int d = g.degree(i);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        long edges = g.start[n] / 2;
        double diameter;
        if (scheme instanceof ConvolutionSpectrum) {
            diameter = g.bfs(0, null); // Cayley graphs are vertex-transitive
        } else {
            diameter = g.diameter();
        }
        return new GraphProperties(n, scheme.period(), symmetric, doubly, min, max, edges, diameter);
    }

    /** The undirected simple graph as compressed rows (sorted, without duplicates). */
    static final class Adjacency {
        final int n;
        final long[] start;  // long: a star of 2^20 workers over a long period still fits
        final int[] adj;

        private Adjacency(int n, long[] start, int[] adj) {
            this.n = n;
            this.start = start;
            this.adj = adj;
        }

        int degree(int i) {
            return (int) (start[i + 1] - start[i]);
        }

        static Adjacency of(GossipMatrix[] ws, int n, long links) {
            long slots = 2 * links;
            if (slots > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException("the graph has " + links + " links over its period; at most "
                        + (Integer.MAX_VALUE - 8) / 2 + " fit in the adjacency lists");
            }
            int[] count = new int[n + 1];
            forEachLink(ws, n, (i, j) -> {
                count[i]++;
                count[j]++;
            });
            long[] start = new long[n + 1];
            for (int i = 0; i < n; i++) {
                start[i + 1] = start[i] + count[i];
            }
            int[] adj = new int[(int) slots];
            long[] fill = Arrays.copyOf(start, n);
            forEachLink(ws, n, (i, j) -> {
                adj[(int) fill[i]++] = j;
                adj[(int) fill[j]++] = i;
            });
            // sort each row and drop duplicates, compacting in place
            long[] out = new long[n + 1];
            int p = 0;
            for (int i = 0; i < n; i++) {
                int from = (int) start[i];
                int to = (int) start[i + 1];
                Arrays.sort(adj, from, to);
                out[i] = p;
                for (int k = from; k < to; k++) {
                    if (k == from || adj[k] != adj[k - 1]) {
                        adj[p++] = adj[k];
                    }
                }
            }
            out[n] = p;
            return new Adjacency(n, out, adj);
        }

        /** Each off-diagonal entry w_ij of each matrix of the period (null ones skipped), as the link (i, j). */
        private static void forEachLink(GossipMatrix[] ws, int n, Link link) {
            for (GossipMatrix w : ws) {
                if (w == null) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    final int row = i;
                    w.forEachInRow(i, (j, v) -> {
                        if (j != row) {
                            link.visit(row, j);
                        }
                    });
                }
            }
        }

        @FunctionalInterface
        private interface Link {
            void visit(int i, int j);
        }

        /** BFS from {@code source}: its eccentricity (∞ when some worker is unreachable); fills dist if given. */
        double bfs(int source, int[] dist) {
            int[] d = dist != null ? dist : new int[n];
            Arrays.fill(d, -1);
            d[source] = 0;
            int[] queue = new int[n];
            int head = 0;
            int tail = 0;
            queue[tail++] = source;
            int far = 0;
            while (head < tail) {
                int u = queue[head++];
                for (long k = start[u]; k < start[u + 1]; k++) {
                    int v = adj[(int) k];
                    if (d[v] < 0) {
                        d[v] = d[u] + 1;
                        far = d[v];
                        queue[tail++] = v;
                    }
                }
            }
            return tail < n ? Double.POSITIVE_INFINITY : far;
        }

        /** Exact diameter: double sweep for trees, iFUB otherwise. */
        double diameter() {
            if (n == 1) {
                return 0;
            }
            long visits = 0;
            int[] dist = new int[n];
            int hub = 0;
            for (int i = 1; i < n; i++) {
                if (degree(i) > degree(hub)) {
                    hub = i;
                }
            }
            if (bfs(hub, dist) == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            int a = farthest(dist);
            int eccA = (int) bfs(a, dist);
            int b = farthest(dist);
            visits += 3 * start[n];
            if (start[n] / 2 == n - 1) {
                return eccA; // a tree: the double sweep is exact
            }
            // iFUB from the middle of the a–b path (a vertex of small eccentricity)
            int[] fromB = new int[n];
            bfs(b, fromB);
            int u = a;
            int half = eccA / 2;
            for (int v = 0; v < n; v++) {
                if (dist[v] == half && fromB[v] == eccA - half) {
                    u = v;
                    break;
                }
            }
            int eccU = (int) bfs(u, dist);
            visits += 2 * start[n];
            int lower = Math.max(eccA, eccU);
            int upper = 2 * eccU;
            // workers by level (distance from u), deepest first
            int[] byLevel = new int[n];
            int[] levelStart = new int[eccU + 2];
            for (int v = 0; v < n; v++) {
                levelStart[dist[v] + 1]++;
            }
            for (int l = 0; l <= eccU; l++) {
                levelStart[l + 1] += levelStart[l];
            }
            int[] fill = Arrays.copyOf(levelStart, eccU + 1);
            for (int v = 0; v < n; v++) {
                byLevel[fill[dist[v]]++] = v;
            }
            int[] scratch = new int[n];
            for (int level = eccU; upper > lower && level > 0; level--) {
                int bi = 0;
                for (int k = levelStart[level]; k < levelStart[level + 1]; k++) {
                    if (visits > MAX_EDGE_VISITS) {
                        throw new InvalidInputException("the diameter of this " + n + "-worker graph needs more"
                                + " than " + MAX_EDGE_VISITS + " edge visits of breadth-first search; it lies in ["
                                + Math.max(lower, bi) + ", " + upper + "]");
                    }
                    bi = Math.max(bi, (int) bfs(byLevel[k], scratch));
                    visits += start[n];
                }
                lower = Math.max(lower, bi);
                if (lower > 2 * (level - 1)) {
                    return lower;
                }
                upper = 2 * (level - 1);
            }
            return lower;
        }

        private static int farthest(int[] dist) {
            int best = 0;
            for (int v = 1; v < dist.length; v++) {
                if (dist[v] > dist[best]) {
                    best = v;
                }
            }
            return best;
        }
    }
}
