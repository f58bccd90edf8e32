package org.tidl.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.core.InvalidInputException;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.linalg.Dense;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;

class RandomGraphsTest {

    static final TopologyRegistry REGISTRY = TopologyRegistry.builtIn();

    @Test
    void erdosRenyiIsConnectedReproducibleAndHasTheMeanDegreeOfGnp() {
        double p = 0.3;
        int n = 64;
        double degrees = 0;
        int samples = 200;
        for (int s = 0; s < samples; s++) {
            int[][] e = RandomGraphs.connectedErdosRenyi("t", n, p, new SplittableRandom(s));
            assertThat(RandomGraphs.connected(n, e)).isTrue();
            degrees += 2.0 * e.length / n;
        }
        // mean degree p(n − 1) = 18.9; 200 graphs of 2016 possible edges: standard error ≈ 0.023
        assertThat(degrees / samples).isCloseTo(p * (n - 1), within(0.1));
        double[] a = Dense.of(REGISTRY.build("erdos-renyi:p=0.3,seed=5", n).scheme().matrix(0));
        double[] b = Dense.of(REGISTRY.build("erdos-renyi:p=0.3,seed=5", n).scheme().matrix(0));
        assertThat(a).containsExactly(b);
        assertThat(Dense.of(REGISTRY.build("erdos-renyi:p=0.3,seed=6", n).scheme().matrix(0))).isNotEqualTo(a);
    }

    @Test
    void anImpossibleConnectedGraphFailsWithOneLineInsteadOfLoopingForever() {
        assertThatThrownBy(() -> REGISTRY.build("erdos-renyi:p=0.001,seed=1", 64)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no connected G(64, 0.001)").hasMessageNotContaining("\n");
    }

    @Test
    void barabasiAlbertHasTheEdgeCountOfNetworkx() {
        for (int m : new int[] {1, 4, 20}) {
            int[][] e = RandomGraphs.barabasiAlbert(64, m, new SplittableRandom(3));
            assertThat(e.length).isEqualTo(m * (64 - m));
            assertThat(RandomGraphs.connected(64, e)).isTrue();
            java.util.Set<Long> distinct = new java.util.HashSet<>();
            for (int[] x : e) {
                assertThat(x[0]).isNotEqualTo(x[1]);
                distinct.add((long) Math.min(x[0], x[1]) * 64 + Math.max(x[0], x[1]));
            }
            assertThat(distinct).hasSize(e.length);
        }
    }

    @Test
    void randomRegularGraphsAreRegularAndConnected() {
        GossipMatrix w = REGISTRY.build("random-regular:degree=3,seed=2", 20).scheme().matrix(0);
        for (int i = 0; i < 20; i++) {
            int[] deg = {0};
            int row = i;
            w.forEachInRow(i, (j, v) -> {
                if (j != row) {
                    deg[0]++;
                    assertThat(v).isCloseTo(0.25, within(1e-15));
                }
            });
            assertThat(deg[0]).isEqualTo(3);
        }
        assertThatThrownBy(() -> REGISTRY.build("random-regular:degree=3", 7)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("even");
    }

    @Test
    void exponentialGraphsAndTheirTimeVaryingForm() {
        // one-peer exponential at a power of 2 is the paper's time-varying exponential: same n_W
        double tv = EffectiveNeighbors.of(REGISTRY.build("time-varying-exponential", 32).scheme()).at(0.951, NeighborsMode.MEAN);
        GossipScheme one = REGISTRY.build("one-peer-exponential", 32).scheme();
        assertThat(one.period()).isEqualTo(5);
        assertThat(EffectiveNeighbors.of(one).at(0.951, NeighborsMode.MEAN)).isCloseTo(tv, within(1e-9));
        assertThat(REGISTRY.build("one-peer-exponential", 12).scheme().period()).isEqualTo(4);
        double[] w = Dense.of(REGISTRY.build("exponential", 12).scheme().matrix(0));
        for (int i = 0; i < 12; i++) {
            double row = 0, col = 0;
            for (int j = 0; j < 12; j++) {
                row += w[i * 12 + j];
                col += w[j * 12 + i];
            }
            assertThat(row).isCloseTo(1, within(1e-12));
            assertThat(col).isCloseTo(1, within(1e-12));
        }
        assertThat(w[0]).isCloseTo(0.2, within(1e-15)); // offsets 0, 1, 2, 4, 8: five equal weights
    }

    @Test
    void timeVaryingErdosRenyiIsAperiodicAndReproducible() {
        GossipScheme s = REGISTRY.build("time-varying-erdos-renyi:p=0.3,seed=4", 16).scheme();
        assertThat(s.period()).isEqualTo(GossipScheme.APERIODIC);
        assertThat(Dense.of(s.matrix(7))).containsExactly(Dense.of(s.matrix(7)));
        assertThat(Dense.of(s.matrix(7))).isNotEqualTo(Dense.of(s.matrix(8)));
        assertThatThrownBy(() -> EffectiveNeighbors.of(s)).isInstanceOf(InvalidInputException.class);
    }

    /** The student reproduction's (Goshmar) CycleChangingGraph number for [Star, TwoCliques, Ring] at n = 16: n_W(0.951) = 11.53. */
    @Test
    void cycleThroughTopologiesMatchesTheReproductionRepo() {
        GossipScheme s = REGISTRY.build("cycle:of=[star,two-cliques,ring]", 16).scheme();
        assertThat(s.period()).isEqualTo(3);
        assertThat(EffectiveNeighbors.of(s).at(0.951, NeighborsMode.MEAN)).isCloseTo(11.53, within(0.005));
        GossipScheme withTv = REGISTRY.build("cycle:of=[ring,time-varying-exponential]", 16).scheme();
        assertThat(withTv.period()).isEqualTo(8);
        assertThat(Dense.of(withTv.matrix(3))).containsExactly(
                Dense.of(REGISTRY.build("time-varying-exponential", 16).scheme().matrix(1)));
    }

    @Test
    void slowlyChangingGraphsStayConnectedAndAreReproducible() {
        for (String spec : new String[] {"slowly-changing:k=3,seed=2", "slowly-changing-ring:k=2,seed=2",
            "slowly-changing-star:k=2,seed=2"}) {
            GossipScheme s = REGISTRY.build(spec, 12).scheme();
            assertThat(s.period()).isEqualTo(GossipScheme.APERIODIC);
            double[] late = Dense.of(s.matrix(40));
            for (int t = 0; t < 50; t += 7) {
                double[] w = Dense.of(s.matrix(t));
                boolean[] a = new boolean[144];
                for (int i = 0; i < 144; i++) {
                    a[i] = i / 12 != i % 12 && w[i] > 0;
                }
                assertThat(RandomGraphs.connected(12, SlowlyChanging.edges(12, a))).as(spec + " at " + t).isTrue();
            }
            assertThat(Dense.of(s.matrix(40))).as(spec).containsExactly(late); // also after going back in time
            assertThat(Dense.of(REGISTRY.build(spec, 12).scheme().matrix(40))).containsExactly(late);
        }
        // the ring keeps its cycle and gets exactly k chords
        double[] w = Dense.of(REGISTRY.build("slowly-changing-ring:k=2,seed=5", 12).scheme().matrix(9));
        int edges = 0;
        for (int i = 0; i < 12; i++) {
            assertThat(w[i * 12 + (i + 1) % 12]).isPositive();
            for (int j = i + 1; j < 12; j++) {
                edges += w[i * 12 + j] > 0 ? 1 : 0;
            }
        }
        assertThat(edges).isEqualTo(12 + 2);
    }

    /** AL-DSGD's dynamic graphs: copies of the ring on the authors' schedule mix better than the ring itself. */
    @Test
    void relabelledCopiesKeepDegreesAndMixBetter() {
        GossipScheme ring = REGISTRY.build("ring", 16).scheme();
        GossipScheme dyn = REGISTRY.build("relabelled:base=ring,graphs=2,seed=4", 16).scheme();
        assertThat(dyn.period()).isEqualTo(2);
        assertThat(Dense.of(dyn.matrix(1))).containsExactly(Dense.of(ring.matrix(0))); // odd steps: copy 0
        double[] w = Dense.of(dyn.matrix(0)); // even steps: a relabelled ring, still 2-regular, doubly stochastic
        java.util.Set<Integer> peers = new java.util.HashSet<>();
        for (int i = 0; i < 16; i++) {
            int degree = 0;
            double col = 0;
            for (int j = 0; j < 16; j++) {
                degree += j != i && w[i * 16 + j] > 0 ? 1 : 0;
                col += w[j * 16 + i];
            }
            assertThat(degree).isEqualTo(2);
            assertThat(col).isCloseTo(1, within(1e-12));
            if (w[0 * 16 + i] > 0 && i != 0) {
                peers.add(i);
            }
        }
        peers.add(1);
        peers.add(15);
        assertThat(peers.size()).isGreaterThan(2); // worker 0 meets new peers
        assertThat(EffectiveNeighbors.of(dyn).at(0.951, NeighborsMode.MEAN))
                .isGreaterThan(EffectiveNeighbors.of(ring).at(0.951, NeighborsMode.MEAN));
        assertThat(Relabelled.copyAt(0, 3)).isEqualTo(1);
        assertThat(Relabelled.copyAt(3, 3)).isEqualTo(2);
        assertThat(Relabelled.copyAt(5, 3)).isEqualTo(0);
    }
}
