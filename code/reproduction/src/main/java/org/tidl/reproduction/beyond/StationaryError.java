package org.tidl.reproduction.beyond;

import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.quadratic.HeterogeneousQuadraticOracle;
import org.tidl.core.run.StepRunner;

/**
 * How close a decentralized optimizer gets to the optimum of heterogeneous quadratics: from x = 0, the mean over
 * the last tenth of the run of (1/n) Σ_i ‖x_i − x*‖² (D-SGD with a constant learning rate stops at a
 * topology-dependent distance, the paper's Eq. 23; gradient tracking does not).
 */
public final class StationaryError {

    /** Distances above this count as diverged. */
    public static final double DIVERGENCE = 1e6;

    /**
     * The problem: n workers in d dimensions, optima b_i ~ N(0, heterogeneity² I), gradient noise σ.
     *
     * @param seed the oracle's root seed
     */
    public record Problem(int workers, int dim, double heterogeneity, double noise, long seed) { }

    private StationaryError() {
    }

    /** The stationary error of one run ({@code optimizer} started here, with the problem's seed); +∞ when it diverges. */
    public static double of(GossipScheme scheme, OptimizerRegistry.Optimizer optimizer, Problem p, int steps) {
        HeterogeneousQuadraticOracle oracle = new HeterogeneousQuadraticOracle(p.workers(), p.dim(), p.heterogeneity(),
                p.noise(), p.seed());
        ArrayWorkerMatrix x = new ArrayWorkerMatrix(p.workers(), p.dim());
        int from = steps - steps / 10;
        double[] sum = {0};
        int[] counted = {0};
        boolean[] diverged = {false};
        StepRunner.of(scheme, oracle).run(optimizer.start(x, scheme, p.seed()), x, steps, (t, iterate, losses) -> {
            double e = oracle.distanceToOptimum((ArrayWorkerMatrix) iterate);
            if (!(e < DIVERGENCE)) {
                diverged[0] = true;
                return false;
            }
            if (t >= from) {
                sum[0] += e;
                counted[0]++;
            }
            return true;
        });
        return diverged[0] ? Double.POSITIVE_INFINITY : sum[0] / counted[0];
    }
}
