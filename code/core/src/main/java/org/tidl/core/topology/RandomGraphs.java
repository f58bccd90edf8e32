package org.tidl.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tidl.core.InvalidInputException;

/**
 * Seeded random graphs as edge lists. Samplers that must give a connected graph resample a bounded number of
 * times and then fail with one line (the reproduction repo's {@code TimeVaringErdos} could loop forever).
 */
final class RandomGraphs {

    static final int TRIES = 10_000;

    private RandomGraphs() {
    }

    /** Pairs G(n, p) may flip a coin for (about 3 minutes on one core here, 10^8 pairs per 10 s). */
    static final long MAX_PAIRS = 2_000_000_000L;
    /** Bytes an edge costs while the list is built (an int[2] and a reference). */
    static final long BYTES_PER_EDGE = 40;

    /** G(n, p), resampled until connected. */
    static int[][] connectedErdosRenyi(String topology, int n, double p, SplittableRandom rng) {
        long pairs = (long) n * (n - 1) / 2;
        if (pairs > MAX_PAIRS) {
            throw new InvalidInputException(topology + ": G(n, p) draws one number per pair of workers, n(n-1)/2 = "
                    + pairs + " at n = " + n + "; at most " + MAX_PAIRS + " (n <= 63246)");
        }
        requireEdges(topology, (long) Math.ceil(p * pairs));
        for (int t = 0; t < TRIES; t++) {
            List<int[]> edges = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (rng.nextDouble() < p) {
                        edges.add(new int[] {i, j});
                    }
                }
            }
            int[][] e = edges.toArray(new int[0][]);
            if (connected(n, e)) {
                return e;
            }
        }
        throw new InvalidInputException(topology + ": no connected G(" + n + ", " + p + ") in " + TRIES
                + " samples; p must be well above ln(n)/n = " + String.format(Locale.ROOT, "%.3g", Math.log(n) / n));
    }

    /**
     * Barabási–Albert as networkx's {@code barabasi_albert_graph}: start from a star on m + 1 nodes, then each new
     * node links to m distinct existing nodes drawn with probability proportional to their degree. m·(n − m) edges.
     */
    static int[][] barabasiAlbert(int n, int m, SplittableRandom rng) {
        List<int[]> edges = new ArrayList<>();
        List<Integer> repeated = new ArrayList<>(); // each node once per incident edge
        for (int i = 1; i <= m; i++) {
            edges.add(new int[] {0, i});
            repeated.add(0);
            repeated.add(i);
        }
        for (int v = m + 1; v < n; v++) {
            java.util.LinkedHashSet<Integer> targets = new java.util.LinkedHashSet<>();
            while (targets.size() < m) {
                targets.add(repeated.get(rng.nextInt(repeated.size())));
            }
            for (int u : targets) {
                edges.add(new int[] {u, v});
                repeated.add(u);
                repeated.add(v);
            }
        }
        return edges.toArray(new int[0][]);
    }

    /** A connected simple d-regular graph by the pairing model, resampled until simple and connected. */
    static int[][] randomRegular(String topology, int n, int d, SplittableRandom rng) {
        for (int t = 0; t < TRIES; t++) {
            int[] points = new int[n * d];
            for (int i = 0; i < points.length; i++) {
                points[i] = i / d;
            }
            for (int i = points.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int x = points[i];
                points[i] = points[j];
                points[j] = x;
            }
            java.util.Set<Long> seen = new java.util.HashSet<>();
            int[][] e = new int[points.length / 2][];
            boolean simple = true;
            for (int k = 0; k < e.length && simple; k++) {
                int a = Math.min(points[2 * k], points[2 * k + 1]);
                int b = Math.max(points[2 * k], points[2 * k + 1]);
                simple = a != b && seen.add((long) a * n + b);
                e[k] = new int[] {a, b};
            }
            if (simple && connected(n, e)) {
                return e;
            }
        }
        throw new InvalidInputException(topology + ": no simple connected " + d + "-regular graph on " + n
                + " workers in " + TRIES + " samples");
    }

    /** Refuses an edge list that would not fit in the free heap, with the numbers. */
    static void requireEdges(String topology, long edges) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long need = edges * BYTES_PER_EDGE * 2; // the list, then the matrix built from it
        if (need > free || 2 * edges > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(topology + ": about " + edges + " edges need " + (need >> 20) + " MiB ("
                    + free / (1 << 20) + " MiB of Java heap free) and at most " + (Integer.MAX_VALUE - 8) / 2
                    + " fit in one matrix");
        }
    }

    static boolean connected(int n, int[][] edges) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int components = n;
        for (int[] e : edges) {
            int a = find(parent, e[0]);
            int b = find(parent, e[1]);
            if (a != b) {
                parent[a] = b;
                components--;
            }
        }
        return components == 1;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
