package org.tidl.core.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tidl.api.GossipScheme;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.linalg.Dense;

/** M(γ), β(γ) and Theorem 6's learning rate against closed forms and the lazy-W numbers of Sec. 4. */
class LearningRateBoundTest {

    static double[] dense(String spec) {
        return Dense.of(TopologyRegistry.builtIn().build(spec, 32).scheme().matrix(0));
    }

    @Test
    void generalPencilEqualsEq33ForSymmetricGraphs() {
        for (String spec : new String[] {"ring", "torus:rows=4,cols=8", "hypercube", "star", "binary-tree"}) {
            double[] w = LearningRateBound.lazy(dense(spec), 32);
            double[] eig = Dense.symmetricEigen(w, 32).values();
            for (double g : new double[] {0, 0.5, 0.9, 0.99}) {
                assertThat(NeighborhoodMatrix.beta(w, 32, g)).as(spec + " gamma " + g)
                        .isCloseTo(NeighborhoodMatrix.betaSymmetric(eig, g), within(1e-9));
            }
        }
    }

    @Test
    void betaOfTheNonLazyRingIsNegative() {
        double[] w = dense("ring");
        assertThat(NeighborhoodMatrix.beta(w, 32, 0)).isCloseTo(-0.5, within(1e-9));
        assertThat(NeighborhoodMatrix.betaSymmetric(Dense.symmetricEigen(w, 32).values(), 0)).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void neighborhoodMatrixProperties() {
        double[] w = dense("ring");
        double[] m0 = NeighborhoodMatrix.of(w, 32, 0);
        double[] w2 = Dense.multiply(w, w, 32);
        for (int i = 0; i < m0.length; i++) {
            assertThat(m0[i]).isCloseTo(w2[i], within(1e-15)); // M(0) = W²
        }
        double[] m = NeighborhoodMatrix.of(w, 32, 0.951);
        EffectiveNeighbors nw = EffectiveNeighbors.of(TopologyRegistry.builtIn().build("ring", 32).scheme());
        for (int i = 0; i < 32; i++) {
            double row = 0;
            for (int j = 0; j < 32; j++) {
                row += m[i * 32 + j];
            }
            assertThat(row).isCloseTo(1, within(1e-12)); // M1 = 1
            assertThat(m[i * 32 + i]).isCloseTo(1 / nw.at(0.951, NeighborsMode.MEAN), within(1e-12)); // diag = 1/n_W
        }
    }

    @Test
    void lazyValuesOfTheDigest() {
        // (n_W, β) at γ = 0, 0.5, 0.9, 0.99 for W' = (I+W)/2, Sec. 4
        Object[][] table = {
                {"ring", new double[][] {{2.000, 0.25000}, {2.494, 0.23611}, {4.542, 0.05557}, {12.356, 0.01128}}},
                {"circulant:offsets=1,8", new double[][] {{2.500, 0.17711}, {3.512, 0.17300}, {8.759, 0.09812}, {23.884, 0.05944}}},
                {"hypercube", new double[][] {{2.667, 0.14286}, {3.877, 0.14087}, {10.479, 0.13929}, {26.011, 0.13893}}},
        };
        double[] gammas = {0, 0.5, 0.9, 0.99};
        for (Object[] row : table) {
            LearningRateBound b = new LearningRateBound(LearningRateBound.lazy(dense((String) row[0]), 32), 32, 2000, 1);
            double[][] expected = (double[][]) row[1];
            for (int k = 0; k < gammas.length; k++) {
                LearningRateBound.Point p = b.at(gammas[k]);
                assertThat(p.neighbors()).as(row[0] + " n_W at " + gammas[k]).isCloseTo(expected[k][0], within(1e-3));
                assertThat(p.beta()).as(row[0] + " beta at " + gammas[k]).isCloseTo(expected[k][1], within(1e-5));
                // Eq. 25 with ω = 1/n_W: the noise term is 1/(8ζ/n_W + 4L)
                assertThat(p.noise()).isCloseTo(1 / (8 * 2000 / p.neighbors() + 4), within(1e-15));
                assertThat(p.consensus()).isCloseTo(p.beta() / p.neighbors(), within(1e-15));
            }
        }
    }
}
