package org.tidl.core.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipScheme;
import org.tidl.api.GradientOracle;
import org.tidl.api.StepContext;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.linalg.Dense;

/** Optimizers beyond the paper on problems with a known answer. */
class TrackingOptimizersTest {

    static final int N = 8;
    static final int D = 3;

    /** Heterogeneous quadratics f_i(x) = ½‖x − b_i‖²: the optimum of the average is mean_i b_i. */
    static final double[] B = new double[N * D];

    static {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (int i = 0; i < B.length; i++) {
            B[i] = rng.nextGaussian();
        }
    }

    static final GradientOracle ORACLE = (x, g, losses) -> {
        ArrayWorkerMatrix a = (ArrayWorkerMatrix) x;
        ArrayWorkerMatrix out = (ArrayWorkerMatrix) g;
        for (int i = 0; i < N * D; i++) {
            out.data()[i] = a.data()[i] - B[i];
        }
    };

    static ArrayWorkerMatrix run(String optimizer, String topology, double lr, int steps) {
        GossipScheme scheme = TopologyRegistry.builtIn().build(topology, N).scheme();
        ArrayWorkerMatrix x = new ArrayWorkerMatrix(N, D);
        DecentralizedOptimizer opt = OptimizerRegistry.builtIn().resolve(optimizer, Map.of("lr", Double.toString(lr)))
                .start(x, scheme, 1);
        double[] losses = new double[N];
        for (int t = 0; t < steps; t++) {
            opt.step(new StepContext(t, 1, scheme, ORACLE, losses), x);
        }
        return x;
    }

    static double maxDistanceToOptimum(ArrayWorkerMatrix x) {
        double worst = 0;
        for (int k = 0; k < D; k++) {
            double mean = 0;
            for (int i = 0; i < N; i++) {
                mean += B[i * D + k] / N;
            }
            for (int i = 0; i < N; i++) {
                worst = Math.max(worst, Math.abs(x.get(i, k) - mean));
            }
        }
        return worst;
    }

    @Test
    void trackingMethodsConvergeExactlyWithAConstantLearningRate() {
        assertThat(maxDistanceToOptimum(run("gradient-tracking", "ring", 0.1, 1000))).isLessThan(1e-8);
        assertThat(maxDistanceToOptimum(run("gradient-tracking", "time-varying-exponential", 0.1, 1000))).isLessThan(1e-8);
        assertThat(maxDistanceToOptimum(run("detag", "ring", 0.2, 2000))).isLessThan(1e-8);
        // D-SGD with the same constant learning rate stalls at a topology-dependent distance
        assertThat(maxDistanceToOptimum(run("dsgd", "ring", 0.3, 400))).isGreaterThan(1e-2);
    }

    /**
     * Logistic regression, labels split by worker (worker 0 only negatives … worker 7 only positives): gradient
     * tracking and DeTAG reach the optimum that centralised gradient descent finds, to 1e-8; D-SGD does not.
     */
    @Test
    void trackingMethodsSolveNonIidLogisticRegressionExactly() {
        org.tidl.core.convex.LogisticRegressionOracle oracle = new org.tidl.core.convex.LogisticRegressionOracle(N, 5, 40, 0.1, 3);
        double[] star = oracle.optimum(1e-12);
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", N).scheme();
        for (String[] run : new String[][] {{"gradient-tracking", "0.2", "3000"}, {"detag", "0.5", "6000"}, {"dsgd", "0.2", "3000"}}) {
            ArrayWorkerMatrix x = new ArrayWorkerMatrix(N, 5);
            DecentralizedOptimizer opt = OptimizerRegistry.builtIn().resolve(run[0], Map.of("lr", run[1])).start(x, ring, 1);
            double[] losses = new double[N];
            for (int t = 0; t < Integer.parseInt(run[2]); t++) {
                opt.step(new StepContext(t, 1, ring, oracle, losses), x);
            }
            double worst = 0;
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < 5; k++) {
                    worst = Math.max(worst, Math.abs(x.get(i, k) - star[k]));
                }
            }
            if (run[0].equals("dsgd")) {
                assertThat(worst).as(run[0]).isGreaterThan(1e-3);
            } else {
                assertThat(worst).as(run[0]).isLessThan(1e-8);
            }
        }
    }

    /**
     * DeTAG's invariant: mean_rows(Y_k) = mean_rows(G̃_{k−1}), and accelerated gossip keeps
     * row means. With g_i = x_i − b_i that makes the mean of X, read at phase starts, follow exactly
     * m_{k+1} = m_k − α (m_{k−1} − mean b), with m_1 = m_0 (Y_0 = 0: phase 0 only gossips).
     */
    @Test
    void detagMeanFollowsDelayedGradientDescent() {
        GossipScheme ring = TopologyRegistry.builtIn().build("ring", N).scheme();
        double alpha = 0.3;
        ArrayWorkerMatrix x = new ArrayWorkerMatrix(N, D);
        DecentralizedOptimizer opt = OptimizerRegistry.builtIn().resolve("detag:rounds=3", Map.of("lr", Double.toString(alpha)))
                .start(x, ring, 1);
        for (int i = 0; i < N; i++) {
            x.set(i, 0, i); // start away from consensus
        }
        double[] losses = new double[N];
        double bMean = 0;
        for (int i = 0; i < N; i++) {
            bMean += B[i * D] / N;
        }
        java.util.List<Double> m = new java.util.ArrayList<>();
        for (int t = 0; t <= 3 * 12; t++) {
            if (t % 3 == 0) {
                double s = 0;
                for (int i = 0; i < N; i++) {
                    s += x.get(i, 0) / N;
                }
                m.add(s);
            }
            opt.step(new StepContext(t, 1, ring, ORACLE, losses), x);
        }
        assertThat(m.get(1)).isCloseTo(m.get(0), within(1e-12));
        // B = 2R halves the tracked gradient: the same recursion with α/2
        ArrayWorkerMatrix x2 = new ArrayWorkerMatrix(N, D);
        DecentralizedOptimizer half = OptimizerRegistry.builtIn().resolve("detag:rounds=3,accumulation=6",
                Map.of("lr", Double.toString(alpha))).start(x2, ring, 1);
        for (int i = 0; i < N; i++) {
            x2.set(i, 0, i);
        }
        java.util.List<Double> m2 = new java.util.ArrayList<>();
        for (int t = 0; t <= 9; t++) {
            if (t % 3 == 0) {
                double s = 0;
                for (int i = 0; i < N; i++) {
                    s += x2.get(i, 0) / N;
                }
                m2.add(s);
            }
            half.step(new StepContext(t, 1, ring, ORACLE, losses), x2);
        }
        assertThat(m2.get(3)).isCloseTo(m2.get(2) - alpha / 2 * (m2.get(1) - bMean), within(1e-12));
        for (int k = 1; k + 1 < m.size(); k++) {
            assertThat(m.get(k + 1)).as("phase %d", k + 1).isCloseTo(m.get(k) - alpha * (m.get(k - 1) - bMean), within(1e-12));
        }
    }

    /** D-SGD (Eq. 19) stops at the fixed point x = W x − η(x − b), i.e. (I − W + ηI) x* = η b (Eq. 23), solved here directly. */
    @Test
    void dsgdStopsAtTheFixedPointOfEquation23() {
        double lr = 0.3;
        ArrayWorkerMatrix x = run("dsgd", "ring", lr, 2000);
        double[] w = Dense.of(TopologyRegistry.builtIn().build("ring", N).scheme().matrix(0));
        double[] a = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                a[i * N + j] = (i == j ? 1 + lr : 0) - w[i * N + j];
            }
        }
        for (int k = 0; k < D; k++) {
            double[] rhs = new double[N];
            for (int i = 0; i < N; i++) {
                rhs[i] = lr * B[i * D + k];
            }
            double[] star = solve(a.clone(), rhs, N);
            for (int i = 0; i < N; i++) {
                assertThat(x.get(i, k)).isCloseTo(star[i], within(1e-10));
            }
        }
    }

    /** ‖AG_R − J‖₂ on an 8-ring against an independently computed table, and plain gossip W^R. */
    @Test
    void acceleratedGossipContractsFasterThanPlainGossip() {
        double lambda = 1 - org.tidl.core.theory.SpectralGap.of(TopologyRegistry.builtIn().build("ring", N).scheme());
        assertThat(lambda).isCloseTo(0.804738, within(1e-6));
        assertThat(Detag.eta(lambda)).isCloseTo(0.254996, within(1e-6));
        assertThat(Detag.rounds(N, lambda)).isEqualTo(2);
        double[][] expected = {{1, 0.7549, 0.8047}, {2, 0.5075, 0.6476}, {4, 0.1938, 0.4194}, {6, 0.0658, 0.2716},
            {10, 0.0064, 0.1139}};
        for (double[] e : expected) {
            int r = (int) e[0];
            assertThat(gossipNorm(r, Detag.eta(lambda))).as("AG_%d", r).isCloseTo(e[1], within(1e-4));
            assertThat(gossipNorm(r, 0)).as("W^%d", r).isCloseTo(e[2], within(1e-4));
        }
    }

    /** ‖(operator after R DeTAG gossip rounds) − J‖₂, the operator built column by column (X = I, lr = 0). */
    private static double gossipNorm(int rounds, double eta) {
        GossipScheme scheme = TopologyRegistry.builtIn().build("ring", N).scheme();
        ArrayWorkerMatrix x = new ArrayWorkerMatrix(N, N);
        DecentralizedOptimizer opt = OptimizerRegistry.builtIn()
                .resolve("detag:rounds=" + rounds + ",gossip-eta=" + eta, Map.of("lr", "0")).start(x, scheme, 1);
        for (int i = 0; i < N; i++) {
            x.set(i, i, 1);
        }
        GradientOracle zero = (a, g, l) -> g.setZero();
        for (int t = 0; t < rounds; t++) {
            opt.step(new StepContext(t, 1, scheme, zero, new double[N]), x);
        }
        double[] m = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                m[i * N + j] = x.get(i, j) - 1.0 / N;
            }
        }
        double worst = 0;
        for (double v : Dense.symmetricEigen(m, N).values()) {
            worst = Math.max(worst, Math.abs(v));
        }
        return worst;
    }

    private static double[] solve(double[] a, double[] b, int n) {
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) {
                    p = r;
                }
            }
            for (int k = 0; k < n; k++) {
                double t = a[c * n + k];
                a[c * n + k] = a[p * n + k];
                a[p * n + k] = t;
            }
            double t = b[c];
            b[c] = b[p];
            b[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r * n + c] / a[c * n + c];
                for (int k = c; k < n; k++) {
                    a[r * n + k] -= f * a[c * n + k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r * n + k] * x[k];
            }
            x[r] = s / a[r * n + r];
        }
        return x;
    }
}
