package org.tidl.core.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.tidl.api.GossipScheme;
import org.tidl.core.Topology;
import org.tidl.core.TopologyRegistry;

/**
 * The simulated n_W's standard error on random time-varying graphs: it must describe the spread of the estimate
 * over independent seeds (graph sequence and walks), not only over walks on one graph sequence.
 */
class RandomWalkSimulationTest {

    static final TopologyRegistry REG = TopologyRegistry.builtIn();

    /** (spread of the estimates over independent seeds) / (mean reported standard error). */
    static double spreadOverReported(String base, double gamma, NeighborsMode mode, boolean redraw, int seeds) {
        int n = 16;
        int reps = 400;
        int steps = RandomWalkSimulation.defaultSteps(gamma, 0);
        double[] value = new double[seeds];
        double reported = 0;
        for (int s = 0; s < seeds; s++) {
            Topology t = REG.build(base + ",seed=" + (s + 1), n);
            RandomWalkSimulation.Estimate e;
            if (redraw) {
                IntFunction<GossipScheme> draws = REG.redraws(t, s + 1).orElseThrow();
                e = RandomWalkSimulation.run(draws, 40, gamma, mode, reps, steps, s + 1);
                assertThat(e.coverage()).isEqualTo(RandomWalkSimulation.Coverage.WALKS_AND_GRAPHS);
            } else {
                e = RandomWalkSimulation.run(t.scheme(), gamma, mode, reps, steps, s + 1);
                assertThat(e.coverage()).isEqualTo(RandomWalkSimulation.Coverage.WALKS_GIVEN_ONE_GRAPH_SEQUENCE);
            }
            value[s] = e.value();
            reported += e.standardError() / seeds;
        }
        double mean = 0;
        for (double v : value) {
            mean += v / seeds;
        }
        double ss = 0;
        for (double v : value) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (seeds - 1)) / reported;
    }

    @Test
    void errorOverGraphSequencesMatchesTheSpreadOverSeeds() {
        // 60 seeds: the spread is known to ±9%; one graph sequence's error is 1.5–3× too small here
        for (double gamma : new double[] {0.5, 0.9}) {
            double ratio = spreadOverReported("time-varying-erdos-renyi:p=0.2", gamma, NeighborsMode.MEAN, true, 60);
            assertThat(ratio).as("gamma " + gamma).isBetween(0.75, 1.3);
        }
        assertThat(spreadOverReported("time-varying-erdos-renyi:p=0.2", 0.5, NeighborsMode.MEAN, false, 60))
                .as("the error given one graph sequence").isGreaterThan(2.0);
        // mode worst: an upper bound (the largest of alike workers' estimates varies less than each)
        assertThat(spreadOverReported("time-varying-erdos-renyi:p=0.2", 0.5, NeighborsMode.WORST, true, 40))
                .isBetween(0.3, 1.2);
    }

    @Test
    void periodicSchemesAndUnseededOnesSayWhatTheErrorCovers() {
        GossipScheme ring = REG.build("ring", 8).scheme();
        assertThat(RandomWalkSimulation.run(ring, 0.5, NeighborsMode.MEAN, 100, 30, 3).coverage())
                .isEqualTo(RandomWalkSimulation.Coverage.WALKS);
        assertThat(REG.redraws(REG.build("ring", 8), 1)).isEmpty();
        assertThat(REG.redraws(REG.build("time-varying-erdos-renyi:p=0.5", 8), 1)).isPresent();
        // a redraw differs from the spec's own graph sequence and from the other redraws, and is reproducible
        Topology t = REG.build("time-varying-erdos-renyi:p=0.5", 8);
        IntFunction<GossipScheme> draws = REG.redraws(t, 1).orElseThrow();
        double[][] a = draws.apply(0).matrix(3).toDense();
        assertThat(draws.apply(0).matrix(3).toDense()).isDeepEqualTo(a);
        assertThat(java.util.Arrays.deepEquals(draws.apply(1).matrix(3).toDense(), a)).isFalse();
        assertThat(java.util.Arrays.deepEquals(t.scheme().matrix(3).toDense(), a)).isFalse();
    }
}
