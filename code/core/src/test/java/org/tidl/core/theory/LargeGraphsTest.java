package org.tidl.core.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.SymmetricSpectrum;
import org.tidl.core.TopologyRegistry;

/**
 * The routes that make 2^20 workers possible, checked against the dense ones they replace: closed-form spectra of
 * the star and the chain, O(edges) graph facts with an exact diameter (iFUB / double sweep), and the sparse
 * matrix builder with hashed long rows.
 */
class LargeGraphsTest {

    static final TopologyRegistry REG = TopologyRegistry.builtIn();

    /** The same W without its declared spectrum, so every dense route runs. */
    static GossipScheme plain(GossipScheme s) {
        return GossipScheme.fixed(s.matrix(0));
    }

    @Test
    void closedFormSpectraOfStarAndChainMatchTheDenseEigenDecomposition() {
        for (String spec : new String[] {"star", "chain"}) {
            for (int n : new int[] {1, 2, 3, 4, 5, 33, 64}) {
                GossipScheme s = REG.build(spec, n).scheme();
                assertThat(s).isInstanceOf(SymmetricSpectrum.class);
                RandomWalkCovariance closed = RandomWalkCovariance.of(s);
                RandomWalkCovariance dense = RandomWalkCovariance.dense(plain(s));
                assertThat(closed.method()).isEqualTo("closed-form");
                for (double g : new double[] {0, 0.5, 0.9, 0.99, 0.9999}) {
                    String at = spec + " n=" + n + " gamma " + g;
                    assertThat(closed.meanDiagonal(g)).as(at).isCloseTo(dense.meanDiagonal(g), within(1e-9 * dense.meanDiagonal(g)));
                    assertThat(closed.maxDiagonal(g)).as(at).isCloseTo(dense.maxDiagonal(g), within(1e-9 * dense.maxDiagonal(g)));
                    double[] cd = closed.diagonal(g);
                    double[] dd = dense.diagonal(g);
                    for (int i = 0; i < n; i++) {
                        assertThat(cd[i]).as(at + " worker " + i).isCloseTo(dd[i], within(1e-9 * dd[i]));
                    }
                }
                assertThat(SpectralGap.of(s)).as(spec + " n=" + n).isCloseTo(SpectralGap.of(plain(s)), within(1e-12));
            }
        }
    }

    /** All-pairs BFS on the dense pattern of W(t) over a period: the definition, O(n·edges). */
    static int[] bruteForce(GossipScheme s) {
        int n = s.size();
        boolean[][] link = new boolean[n][n];
        for (int t = 0; t < Math.max(s.period(), 1); t++) {
            double[][] w = s.matrix(t).toDense();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j && (w[i][j] != 0 || w[j][i] != 0)) {
                        link[i][j] = true;
                    }
                }
            }
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        int edges = 0;
        int diameter = 0;
        for (int i = 0; i < n; i++) {
            int d = 0;
            for (int j = 0; j < n; j++) {
                d += link[i][j] ? 1 : 0;
            }
            min = Math.min(min, d);
            max = Math.max(max, d);
            edges += d;
            int[] dist = new int[n];
            java.util.Arrays.fill(dist, -1);
            dist[i] = 0;
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(i);
            while (!q.isEmpty()) {
                int u = q.poll();
                for (int v = 0; v < n; v++) {
                    if (link[u][v] && dist[v] < 0) {
                        dist[v] = dist[u] + 1;
                        q.add(v);
                    }
                }
            }
            for (int v = 0; v < n; v++) {
                diameter = dist[v] < 0 ? Integer.MAX_VALUE : Math.max(diameter, dist[v]);
            }
        }
        return new int[] {min, max, edges / 2, diameter};
    }

    @Test
    void graphFactsMatchAllPairsBreadthFirstSearch() {
        String[] specs = {"star", "chain", "binary-tree", "tree:degree=4", "two-cliques", "social-network",
            "erdos-renyi:p=0.08,seed=3", "erdos-renyi:p=0.3,seed=4", "barabasi-albert:m=2,seed=5",
            "random-regular:degree=3,seed=6", "ring", "circulant:offsets=1,5", "cycle:of=[star,chain]", "solo",
            "fully-connected", "torus:rows=4,cols=8", "hypercube", "time-varying-exponential", "exponential"};
        for (String spec : specs) {
            for (int n : new int[] {32, 64}) {
                if (spec.equals("social-network") && n != 32) {
                    continue;
                }
                if (spec.startsWith("torus") && n != 32) {
                    continue;
                }
                GossipScheme s = REG.build(spec, n).scheme();
                GraphProperties g = GraphProperties.of(s);
                int[] expected = bruteForce(s);
                String at = spec + " n=" + n;
                assertThat(g.minDegree()).as(at).isEqualTo(expected[0]);
                assertThat(g.maxDegree()).as(at).isEqualTo(expected[1]);
                assertThat(g.edges()).as(at).isEqualTo(expected[2]);
                assertThat(g.diameter()).as(at).isEqualTo(expected[3] == Integer.MAX_VALUE ? Double.POSITIVE_INFINITY
                        : expected[3]);
            }
        }
    }

    @Test
    void builderKeepsTheLastValueOfLongHashedRows() {
        int n = 300;
        SplittableRandom rng = new SplittableRandom(11);
        GossipMatrix.Builder b = GossipMatrix.builder(n);
        double[][] expected = new double[n][n];
        for (int k = 0; k < 5000; k++) {
            int i = rng.nextInt(3); // three long rows (hashed) …
            int j = rng.nextInt(n);
            double v = rng.nextDouble();
            b.set(i, j, v);
            expected[i][j] = v;
            assertThat(b.get(i, j)).isEqualTo(v);
        }
        for (int i = 3; i < n; i++) { // … and short ones (scanned)
            b.set(i, (i * 7) % n, 0.25).set(i, (i * 7) % n, 0.5).set(i, (i * 11) % n, 0.125);
            expected[i][(i * 7) % n] = 0.5;
            expected[i][(i * 11) % n] += (i * 11) % n == (i * 7) % n ? 0.125 - 0.5 : 0.125;
        }
        double rowSum = 0;
        for (double v : expected[0]) {
            rowSum += v;
        }
        assertThat(b.rowSum(0)).isCloseTo(rowSum, within(1e-9));
        assertThat(b.build().toDense()).isDeepEqualTo(expected);
    }
}
