package org.tidl.core.topology;

import org.tidl.api.GossipScheme;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * Worker 0 is linked to every other worker; all links 1/n, leaves keep 1 − 1/n (the authors' {@code StarTopology}).
 *
 * <p>Spectrum in closed form: 1 (the mean), 0 (hub against leaves: (n−1, −1, …, −1)) and 1 − 1/n on the n−2
 * leaf vectors summing to zero. The hub's weights on them are 1/n, (n−1)/n, 0; a leaf's 1/n, 1/(n(n−1)),
 * (n−2)/(n−1).
 */
public final class Star implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "star"; }
    @Override public String description() { return "worker 0 linked to all others, weights 1/n"; }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        if (n == 1) {
            return new ClosedFormScheme(1, () -> MaxDegreeWeights.fromNeighbors(new int[][] {{}}), new double[] {1},
                    new long[] {1}, (i, out) -> out[0] = 1, m -> new int[] {0});
        }
        double inv = 1.0 / n;
        double[] values = n == 2 ? new double[] {1, 0} : new double[] {1, 0, 1 - inv};
        long[] mult = n == 2 ? new long[] {1, 1} : new long[] {1, 1, n - 2};
        return new ClosedFormScheme(n, () -> matrix(n), values, mult, (i, out) -> {
            out[0] = inv;
            if (i == 0) {
                out[1] = (n - 1) * inv;
                if (n > 2) {
                    out[2] = 0;
                }
            } else {
                out[1] = inv / (n - 1);
                if (n > 2) {
                    out[2] = (n - 2) / (n - 1.0);
                }
            }
        }, m -> new int[] {0, 1});
    }

    private static org.tidl.api.GossipMatrix matrix(int n) {
        int[][] nb = new int[n][];
        nb[0] = new int[n - 1];
        for (int i = 1; i < n; i++) {
            nb[0][i - 1] = i;
            nb[i] = new int[] {0};
        }
        return MaxDegreeWeights.fromNeighbors(nb);
    }
}
