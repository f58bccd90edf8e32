package org.tidl.core.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.core.InvalidInputException;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.theory.SecondMoments.Order;

/**
 * The precise rate (top eigenvalue ρ of D-SGD's second-moment map) against an independent dense computation:
 * the whole map written out as an n²×n² (or, for symmetric W, n(n+1)/2 square symmetric) matrix and handed to
 * EJML's dense eigen-solver. Goal: 1e-9 relative in ρ on every case.
 */
class PreciseRateTest {

    static final TopologyRegistry REG = TopologyRegistry.builtIn();

    static GossipScheme scheme(String spec, int n) {
        return REG.build(spec, n).scheme();
    }

    /** ρ^{1/P} from the route under test. */
    static double growth(GossipScheme s, double zeta, double lr, Order order) {
        return SecondMoments.growth(s, zeta, lr, order);
    }

    // ------------------------------------------------------------------ the independent dense computations

    /** One step of the map on a dense n×n S, written from its definition (not the library's code). */
    static double[][] step(double[][] w, double[][] s, double zeta, double lr, Order order) {
        int n = w.length;
        double c = (zeta - 1) * lr * lr;
        double[][] inner = new double[n][n];
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (order == Order.ADAPT_THEN_COMBINE) {
                    inner[i][j] = (1 - lr) * (1 - lr) * s[i][j] + (i == j ? c * s[i][i] : 0);
                    v[i][j] = w[i][j];
                } else {
                    inner[i][j] = s[i][j];
                    v[i][j] = w[i][j] - (i == j ? lr : 0);
                }
            }
        }
        double[][] left = new double[n][n]; // V · inner
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int l = 0; l < n; l++) {
                    left[i][l] += v[i][k] * inner[k][l];
                }
            }
        }
        double[][] out = new double[n][n]; // (V · inner) · Vᵀ
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int l = 0; l < n; l++) {
                    sum += left[i][l] * v[j][l];
                }
                out[i][j] = sum + (order == Order.PARALLEL && i == j ? c * s[i][i] : 0);
            }
        }
        return out;
    }

    /** ρ of the period map by a dense general eigen-decomposition of its n²×n² matrix. */
    static double denseRho(GossipScheme scheme, double zeta, double lr, Order order) {
        int n = scheme.size();
        int period = scheme.period();
        double[][][] w = new double[period][][];
        for (int t = 0; t < period; t++) {
            w[t] = scheme.matrix(t).toDense();
        }
        int big = n * n;
        DMatrixRMaj m = new DMatrixRMaj(big, big);
        for (int p = 0; p < big; p++) {
            double[][] s = new double[n][n];
            s[p / n][p % n] = 1;
            for (int t = 0; t < period; t++) {
                s = step(w[t], s, zeta, lr, order);
            }
            for (int q = 0; q < big; q++) {
                m.set(q, p, s[q / n][q % n]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(big, false, false);
        assertThat(eig.decompose(m)).isTrue();
        double best = 0;
        for (int k = 0; k < big; k++) {
            best = Math.max(best, eig.getEigenvalue(k).real);
        }
        return best;
    }

    /**
     * ρ for a static symmetric W and adapt-then-combine by a dense symmetric eigen-decomposition: in the orthonormal
     * basis E_ii, (E_ij + E_ji)/√2 of symmetric matrices the map is 𝒲𝒜 with 𝒜 diagonal, similar to the symmetric
     * 𝒜^{1/2}𝒲𝒜^{1/2}.
     */
    static double denseSymmetricRho(GossipScheme scheme, double zeta, double lr) {
        int n = scheme.size();
        double[][] w = scheme.matrix(0).toDense();
        int big = n * (n + 1) / 2;
        int[] pi = new int[big];
        int[] pj = new int[big];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                pi[p] = i;
                pj[p] = j;
                p++;
            }
        }
        double a = (1 - lr) * (1 - lr);
        double c = (zeta - 1) * lr * lr;
        DMatrixRMaj m = new DMatrixRMaj(big, big);
        for (int q = 0; q < big; q++) {
            int i = pi[q];
            int j = pj[q];
            double scale = i == j ? 1 : Math.sqrt(0.5);
            // W B_q W = scale·(w_i w_jᵀ + w_j w_iᵀ) (columns of the symmetric W), halved when i == j
            double sq = Math.sqrt(i == j ? a + c : a);
            for (int r = 0; r < big; r++) {
                int k = pi[r];
                int l = pj[r];
                double e = scale * (w[k][i] * w[l][j] + w[k][j] * w[l][i]) * (i == j ? 0.5 : 1);
                double entry = (k == l ? e : Math.sqrt(2) * e);
                m.set(r, q, Math.sqrt(k == l ? a + c : a) * entry * sq);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(big, false, true);
        assertThat(eig.decompose(m)).as("dense symmetric eigen, n " + n + " zeta " + zeta + " lr " + lr).isTrue();
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < big; k++) {
            best = Math.max(best, eig.getEigenvalue(k).real);
        }
        return best;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void closeTopEigenvaluesOfTheBinaryTreeAreResolvedTo1e9() {
        // the reported case: power iteration stopped 1.26e-6 (relative) off
        GossipScheme tree = scheme("binary-tree", 48);
        double exact = denseSymmetricRho(tree, 11, 0.218061);
        double got = growth(tree, 11, 0.218061, Order.ADAPT_THEN_COMBINE);
        assertThat(got).isCloseTo(exact, within(1e-9 * exact));
        assertThat(1 - exact).isCloseTo(0.2385124126, within(1e-9));
        assertThat(SecondMoments.rate(tree, 11, 0.218061, Order.ADAPT_THEN_COMBINE)).isCloseTo(1 - exact, within(1e-9));
    }

    @Test
    void symmetricStaticGraphsMatchTheDenseSymmetricMap() {
        String[] specs = {"star", "two-cliques", "social-network", "binary-tree", "chain", "tree:degree=3"};
        double[][] cases = {{11, 0.218061}, {50, 0.0351}, {2, 0.9}, {51, 0.999}, {1.5, 1.7}};
        for (String spec : specs) {
            int n = spec.equals("social-network") ? 32 : 20;
            GossipScheme s = scheme(spec, n);
            for (double[] c : cases) {
                double exact = denseSymmetricRho(s, c[0], c[1]);
                assertThat(growth(s, c[0], c[1], Order.ADAPT_THEN_COMBINE)).as(spec + " " + c[0] + " " + c[1])
                        .isCloseTo(exact, within(1e-9 * exact));
            }
        }
    }

    @Test
    void everyRouteAndBothOrdersMatchTheFullDenseMap() {
        // convolution schemes (the exact secular route; static, directed, periodic) and the Krylov route
        // (symmetric, non-symmetric, periodic), both D-SGD orders
        SplittableRandom rng = new SplittableRandom(5);
        double[][] dense = new double[9][9];
        for (double[] row : dense) {
            double sum = 0;
            for (int j = 0; j < 9; j++) {
                row[j] = rng.nextDouble() < 0.4 ? rng.nextDouble() : 0;
                sum += row[j];
            }
            for (int j = 0; j < 9; j++) {
                row[j] = sum > 0 ? row[j] / sum : (j == 0 ? 1 : 0);
            }
        }
        List<GossipScheme> schemes = List.of(scheme("ring", 9), scheme("exponential", 10),
                scheme("unidirectional-ring", 7), scheme("time-varying-exponential", 8), scheme("hypercube", 8),
                scheme("local-steps:period=3", 6), scheme("star", 9), scheme("cycle:of=[star,ring]", 8),
                GossipScheme.fixed(GossipMatrix.fromDense(dense)), scheme("solo", 5), scheme("fully-connected", 6));
        double[][] cases = {{51, 0.09}, {11, 0.4}, {3, 1.0}, {1, 0.5}, {200, 0.01}, {5, 1.8}};
        for (GossipScheme s : schemes) {
            for (Order order : Order.values()) {
                for (double[] c : cases) {
                    double exact = Math.pow(denseRho(s, c[0], c[1], order), 1.0 / s.period());
                    assertThat(growth(s, c[0], c[1], order)).as(s.size() + " workers, period " + s.period() + ", "
                            + order + ", zeta " + c[0] + ", lr " + c[1]).isCloseTo(exact, within(1e-9 * exact));
                }
            }
        }
    }

    @Test
    void convolutionRouteIsEq7ExactlyAndScalesToAMillionWorkers() {
        // for a vertex-transitive static graph the top eigenvalue solves Eq. 7 with the exact n_W
        for (double lr : new double[] {0.01, 0.0933, 0.15}) {
            double fp = QuadraticRate.fixedPoint(scheme("ring", 32), 50, lr);
            assertThat(QuadraticRate.precise(scheme("ring", 32), 50, lr)).isCloseTo(fp, within(1e-7));
        }
        // n = 2^20 ring: the same rate as the infinite ring's Eq. 8 fixed point, to the fixed point's tolerance
        GossipScheme big = scheme("ring", 1 << 20);
        double precise = QuadraticRate.precise(big, 51, 0.09);
        var inf = REG.infinite(org.tidl.core.PluginSpec.parse("ring"));
        double infinite = QuadraticRate.fixedPoint(g -> EffectiveNeighbors.infinite(inf, g), 51, 0.09);
        assertThat(precise).isCloseTo(infinite, within(1e-6));
        assertThat(QuadraticRate.precise(scheme("time-varying-exponential", 1 << 16), 51, 0.05)).isBetween(0.01, 1.0);
    }

    @Test
    void refusesWhatCannotBeComputedWithTheNumbers() {
        assertThatThrownBy(() -> QuadraticRate.precise(scheme("star", 1 << 17), 51, 0.1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("n = 131072")
                .hasMessageContaining("fixed-point");
        assertThatThrownBy(() -> QuadraticRate.precise(scheme("time-varying-erdos-renyi:p=0.5", 8), 51, 0.1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("periodic");
    }
}
