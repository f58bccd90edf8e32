package org.tidl.core.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.GradientOracle;
import org.tidl.api.StepContext;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.topology.Matcha;

class AlDsgdMatchaTest {

    @Test
    void theLeaderStepHasTheDigestsCollapsedCoefficients() {
        assertThat(AlDsgd.coefficients(0.3, 0.1, 0.2, 0.2)).containsExactly(new double[] {0.36, 0.38, 0.26},
                within(1e-12));
    }

    /** A 4-ring (equal degrees, so the hub is the worker itself), losses 3, 1, 2, 0, lr 0: one step by hand. */
    @Test
    void oneStepOnARingMatchesTheFormula() {
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", 4).scheme();
        double[] x0 = {1, 10, 100, 1000};
        ArrayWorkerMatrix x = new ArrayWorkerMatrix(4, 1);
        DecentralizedOptimizer opt = OptimizerRegistry.builtIn().resolve("al-dsgd", Map.of("lr", "0")).start(x, ring, 1);
        for (int i = 0; i < 4; i++) {
            x.set(i, 0, x0[i]);
        }
        double[] given = {3, 1, 2, 0};
        GradientOracle oracle = (a, g, losses) -> {
            g.setZero();
            System.arraycopy(given, 0, losses, 0, 4);
        };
        opt.step(new StepContext(0, 1, ring, oracle, new double[4]), x);
        int[] best = {3, 1, 3, 3}; // lowest loss among self and the two ring neighbours
        for (int i = 0; i < 4; i++) {
            double z = (x0[i] + x0[(i + 1) % 4] + x0[(i + 3) % 4]) / 3;
            assertThat(x.get(i, 0)).as("worker %d", i).isCloseTo(0.36 * z + 0.38 * x0[best[i]] + 0.26 * x0[i], within(1e-9));
        }
    }

    @Test
    void matchaRespectsTheBudgetAndImprovesConnectivity() {
        int n = 16;
        Matcha.Design d = Matcha.design(n, TopologyRegistry.builtIn().build("erdos-renyi:p=0.4,seed=3", n).scheme(), 0.5);
        int m = d.matchings().size();
        double sum = 0;
        for (double p : d.probabilities()) {
            assertThat(p).isBetween(0.0, 1.0);
            sum += p;
        }
        assertThat(sum).isLessThanOrEqualTo(0.5 * m + 1e-9);
        // every edge of the base graph is in exactly one matching, and no worker twice in one matching
        int edges = 0;
        for (int[][] matching : d.matchings()) {
            boolean[] seen = new boolean[n];
            for (int[] e : matching) {
                assertThat(seen[e[0]] || seen[e[1]]).isFalse();
                seen[e[0]] = seen[e[1]] = true;
                edges++;
            }
        }
        GossipMatrix base = TopologyRegistry.builtIn().build("erdos-renyi:p=0.4,seed=3", n).scheme().matrix(0);
        assertThat(2L * edges).isEqualTo(base.nonZeros() - n);
        // the optimised probabilities beat the uniform ones (p = budget) on λ₂, and the expected W contracts
        assertThat(d.lambda2()).isGreaterThan(Matcha.design(n, TopologyRegistry.builtIn().build("erdos-renyi:p=0.4,seed=3", n).scheme(), 0.5).lambda2() - 1e-12);
        assertThat(d.rho()).isLessThan(1).isPositive();
        // the share of active matchings over many steps is Σp / M
        GossipScheme s = TopologyRegistry.builtIn().build("matcha:base=[erdos-renyi:p=0.4,seed=3],budget=0.5,seed=9", n).scheme();
        assertThat(s.period()).isEqualTo(GossipScheme.APERIODIC);
        double active = 0;
        int steps = 4000;
        for (int t = 0; t < steps; t++) {
            active += (s.matrix(t).nonZeros() - n) / 2.0;
        }
        double expectedEdges = 0;
        for (int j = 0; j < m; j++) {
            expectedEdges += d.probabilities()[j] * d.matchings().get(j).length;
        }
        assertThat(active / steps).isCloseTo(expectedEdges, within(0.05 * expectedEdges));
    }

    /** AL-DSGD on MATCHA pulls heterogeneous workers together: far closer to the joint optimum than workers alone. */
    @Test
    void alDsgdOnMatchaKeepsHeterogeneousWorkersTogether() {
        GossipScheme s = TopologyRegistry.builtIn().build("matcha:base=ring,budget=0.5", 8).scheme();
        double together = distanceAfter("al-dsgd", s);
        double alone = distanceAfter("alone", s);
        assertThat(together).isLessThan(0.6 * alone); // measured: 0.94 against 1.92
    }

    private static double distanceAfter(String optimizer, GossipScheme s) {
        ArrayWorkerMatrix x = new ArrayWorkerMatrix(8, TrackingOptimizersTest.D);
        DecentralizedOptimizer opt = OptimizerRegistry.builtIn().resolve(optimizer, Map.of("lr", "0.1")).start(x, s, 1);
        double[] losses = new double[8];
        for (int t = 0; t < 300; t++) {
            opt.step(new StepContext(t, 1, s, TrackingOptimizersTest.ORACLE, losses), x);
        }
        return TrackingOptimizersTest.maxDistanceToOptimum(x);
    }
}
