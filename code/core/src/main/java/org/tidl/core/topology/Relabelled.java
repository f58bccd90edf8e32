package org.tidl.core.topology;

import java.util.List;
import java.util.SplittableRandom;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.Seeds;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * AL-DSGD's "dynamic graphs" (He, Wang, Choromanska 2024): G relabelled copies of a base graph (any topology,
 * built through the {@link TopologyResolver}),
 * W_g(t) = P_g W(t) P_gᵀ with P_0 = I and seeded random permutations P_1 … P_{G−1}, used on the authors'
 * schedule: with 2 graphs, even steps use copy 1 and odd steps copy 0; with 3, even steps copy 1, else steps
 * divisible by 3 copy 2, else copy 0 (frequencies 1/2, 1/6, 1/3, as their code); with more, t mod G. Workers
 * thereby talk to more distinct peers while keeping their degree.
 */
public final class Relabelled implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "relabelled"; }
    @Override public String description() { return "AL-DSGD's dynamic graphs: relabelled copies of a base graph on the authors' schedule"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.text("base", "ring", "base topology spec, in brackets when it has parameters: base=[torus:rows=4,cols=8]"),
                Parameter.integer("graphs", 2, 1, 1000, "number of relabelled copies G (copy 0 is the base itself)"),
                ErdosRenyi.SEED);
    }

    /** Which copy step t uses. */
    static int copyAt(long t, int graphs) {
        if (graphs == 2) {
            return t % 2 == 0 ? 1 : 0;
        }
        if (graphs == 3) {
            return t % 2 == 0 ? 1 : t % 3 == 0 ? 2 : 0;
        }
        return (int) Math.floorMod(t, (long) graphs);
    }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        GossipScheme base = topologies.scheme(p.text("base"), n);
        int graphs = p.integer("graphs");
        long seed = p.integer("seed");
        int[][] perm = new int[graphs][n];
        for (int g = 0; g < graphs; g++) {
            for (int i = 0; i < n; i++) {
                perm[g][i] = i;
            }
            SplittableRandom rng = Seeds.stream(seed, name(), g); // copy g's own permutation
            for (int i = n - 1; g > 0 && i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[g][i];
                perm[g][i] = perm[g][j];
                perm[g][j] = t;
            }
        }
        int schedule = graphs == 2 ? 2 : graphs == 3 ? 6 : graphs;
        int period = GossipScheme.APERIODIC;
        if (base.period() != GossipScheme.APERIODIC) {
            long l = (long) base.period() / gcd(base.period(), schedule) * schedule;
            period = l <= 1_000_000 ? (int) l : GossipScheme.APERIODIC;
        }
        return GossipScheme.of(n, period, t -> {
            int[] pi = perm[copyAt(t, graphs)];
            GossipMatrix w = base.matrix(t);
            GossipMatrix.Builder b = GossipMatrix.builder(n);
            for (int i = 0; i < n; i++) {
                int row = i;
                w.forEachInRow(i, (j, v) -> b.set(pi[row], pi[j], v)); // node i of the base is worker π(i)
            }
            return b.build();
        });
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
