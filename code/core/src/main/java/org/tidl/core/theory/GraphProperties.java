package org.tidl.core.theory;

import java.util.Arrays;
import org.tidl.api.ConvolutionSpectrum;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;

/**
 * The communication graph of a scheme: i and j are linked when w_ij or w_ji is non-zero at some step of the
 * period (for a non-periodic scheme: at step 0). Degrees count distinct neighbors; the diameter is the
 * longest shortest path of that undirected graph (infinite when disconnected).
 */
public record GraphProperties(int workers, int period, boolean symmetric, boolean doublyStochastic, int minDegree,
                              int maxDegree, long edges, double diameter) {

    public static GraphProperties of(GossipScheme scheme) {
        int n = scheme.size();
        int steps = Math.max(scheme.period(), 1);
        boolean symmetric = true;
        boolean doubly = true;
        boolean complete = false;
        int[][] adj = new int[n][];
        int[] cnt = new int[n];
        double tol = 1e-12 * Math.max(n, 1);
        for (int t = 0; t < steps; t++) {
            GossipMatrix w = scheme.matrix(t);
            if (w.mixtureWeight().isPresent()) {
                // α·J/n + (1−α)·I: symmetric, doubly stochastic; complete unless it is the identity
                complete |= w.mixtureWeight().getAsDouble() > 0 && n > 1;
                continue;
            }
            double[] colSum = new double[n];
            for (int i = 0; i < n; i++) {
                final int row = i;
                boolean[] asym = {false};
                w.forEachInRow(i, (j, v) -> {
                    colSum[j] += v;
                    if (j != row) {
                        if (Math.abs(w.get(j, row) - v) > 1e-12) {
                            asym[0] = true;
                        }
                    }
                });
                if (asym[0]) {
                    symmetric = false;
                }
                if (!complete) {
                    w.forEachInRow(i, (j, v) -> {
                        if (j != row) {
                            add(adj, cnt, row, j);
                            add(adj, cnt, j, row);
                        }
                    });
                }
            }
            for (int j = 0; j < n; j++) {
                if (Math.abs(colSum[j] - 1) > tol) {
                    doubly = false;
                }
            }
        }
        if (complete) {
            return new GraphProperties(n, scheme.period(), symmetric, doubly, n - 1, n - 1, (long) n * (n - 1) / 2, 1);
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        long degSum = 0;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, cnt[i]);
            max = Math.max(max, cnt[i]);
            degSum += cnt[i];
        }
        double diameter;
        if (scheme instanceof ConvolutionSpectrum) {
            diameter = eccentricity(adj, cnt, 0); // Cayley graphs are vertex-transitive
        } else {
            diameter = 0;
            for (int s = 0; s < n && diameter != Double.POSITIVE_INFINITY; s++) {
                diameter = Math.max(diameter, eccentricity(adj, cnt, s));
            }
        }
        return new GraphProperties(n, scheme.period(), symmetric, doubly, min, max, degSum / 2, diameter);
    }

    private static void add(int[][] adj, int[] cnt, int i, int j) {
        int[] a = adj[i];
        int c = cnt[i];
        for (int k = 0; k < c; k++) {
            if (a[k] == j) {
                return;
            }
        }
        if (a == null) {
            adj[i] = a = new int[4];
        } else if (c == a.length) {
            adj[i] = a = Arrays.copyOf(a, 2 * c);
        }
        a[c] = j;
        cnt[i] = c + 1;
    }

    private static double eccentricity(int[][] adj, int[] cnt, int source) {
        int n = cnt.length;
        int[] dist = new int[n];
        Arrays.fill(dist, -1);
        dist[source] = 0;
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        queue[tail++] = source;
        int seen = 1;
        int far = 0;
        while (head < tail) {
            int u = queue[head++];
            for (int k = 0; k < cnt[u]; k++) {
                int v = adj[u][k];
                if (dist[v] < 0) {
                    dist[v] = dist[u] + 1;
                    far = Math.max(far, dist[v]);
                    seen++;
                    queue[tail++] = v;
                }
            }
        }
        return seen < n ? Double.POSITIVE_INFINITY : far;
    }
}
