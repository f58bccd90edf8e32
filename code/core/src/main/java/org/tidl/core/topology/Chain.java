package org.tidl.core.topology;

import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * Path 0 — 1 — … — (n−1) (the authors' {@code ChainTopology}); n = 1 is a single worker.
 *
 * <p>For n ≥ 3 every link weighs 1/3, so W = I − L/3 with L the path Laplacian, whose eigenvectors are the
 * cosines v_k(i) = cos(πk(i+½)/n): λ_k = 1 − (4/3) sin²(πk/(2n)), worker i's weight on it 1/n for k = 0 and
 * (2/n) cos²(πk(i+½)/n) otherwise. For n = 2, W = J/2.
 */
public final class Chain implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "chain"; }
    @Override public String description() { return "path graph 0-1-...-(n-1), max-degree weights"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        if (n <= 2) {
            double[] values = n == 1 ? new double[] {1} : new double[] {1, 0};
            long[] mult = n == 1 ? new long[] {1} : new long[] {1, 1};
            return new ClosedFormScheme(n, () -> matrix(n), values, mult,
                    (i, out) -> java.util.Arrays.fill(out, 0, n, 1.0 / n), m -> new int[] {0});
        }
        double[] values = new double[n];
        long[] mult = new long[n];
        for (int k = 0; k < n; k++) {
            double s = Math.sin(Math.PI * k / (2.0 * n));
            values[k] = 1 - 4.0 / 3.0 * s * s;
            mult[k] = 1;
        }
        return new ClosedFormScheme(n, () -> matrix(n), values, mult, (i, out) -> {
            out[0] = 1.0 / n;
            for (int k = 1; k < n; k++) {
                // (k·(2i+1)) mod 4n keeps the angle exact before scaling
                double c = Math.cos(Math.PI * (((long) k * (2L * i + 1)) % (4L * n)) / (2.0 * n));
                out[k] = 2.0 / n * c * c;
            }
        }, m -> {
            int[] half = new int[(m + 1) / 2];
            for (int i = 0; i < half.length; i++) {
                half[i] = i;
            }
            return half;
        });
    }

    private static GossipMatrix matrix(int n) {
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
        return MaxDegreeWeights.fromNeighbors(nb);
    }
}
